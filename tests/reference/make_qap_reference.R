#!/usr/bin/Rscript
# QAP reference values from R's sna (Debian: r-cran-sna), independent of ripple.
#
#   make reference      (or: Rscript tests/reference/make_qap_reference.R)
#
# Writes tests/reference/places/coleman/ (Coleman's high-school friendship
# nominations, fall and spring 1957, 73 boys, directed: sna's `coleman` data)
# and tests/reference/expected/qap.csv with, per case and pair of waves, the
# graph correlation r = gcor(A1, A2) (presence of a tie, diagonal left out,
# the upper triangle only when undirected: mode = "graph") and the one-sided
# permutation p-value qaptest(..., gcor, reps = N)$pgreq for N = 1000.
# Each case twice: --missing census (every actor) and reconstruct (ripple's
# default: only the actors who answered at both waves, by responses.csv, so
# every cell is observed at both; the same actors when there is no
# responses.csv).
# tests/unit/test_compare.c asks ripple's r to equal r and its p to agree
# within Monte Carlo error.
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
root <- dirname(dirname(here))
places <- file.path(here, "places")
expected <- file.path(here, "expected")

# ---- Coleman's two waves as a place folder ----
data(coleman)
dir.create(file.path(places, "coleman"), showWarnings = FALSE, recursive = TRUE)
ids <- sprintf("c%02d", 1:73)
write.csv(data.frame(name = "coleman", programme = "reference", directed = "yes"),
          file.path(places, "coleman", "place.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(id = ids), file.path(places, "coleman", "actors.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(data.frame(wave = c("fall", "spring"), ordinal = 1:2),
          file.path(places, "coleman", "waves.csv"), row.names = FALSE, quote = FALSE)
ties <- NULL
for (w in 1:2) {
  e <- which(coleman[w, , ] > 0, arr.ind = TRUE)
  ties <- rbind(ties, data.frame(source = ids[e[, 1]], target = ids[e[, 2]],
                                 wave = c("fall", "spring")[w]))
}
ties <- ties[order(ties$wave != "fall", ties$source, ties$target), ]
write.csv(ties, file.path(places, "coleman", "ties.csv"), row.names = FALSE, quote = FALSE)

# ---- adjacency of a wave, straight from the CSV files ----
adjacency <- function(folder, wave) {
  a <- read.csv(file.path(folder, "actors.csv"), stringsAsFactors = FALSE, encoding = "UTF-8")
  t <- read.csv(file.path(folder, "ties.csv"), stringsAsFactors = FALSE, encoding = "UTF-8")
  t <- t[t$wave == wave, ]
  directed <- FALSE
  pf <- file.path(folder, "place.csv")
  if (file.exists(pf)) directed <- tolower(read.csv(pf, stringsAsFactors = FALSE)$directed[1]) == "yes"
  m <- matrix(0, nrow(a), nrow(a))
  i <- match(t$source, a$id)
  j <- match(t$target, a$id)
  m[cbind(i, j)] <- 1
  if (!directed) m[cbind(j, i)] <- 1
  list(m = m, directed = directed)
}

# the actors who answered at both waves (an actor x wave not listed answered)
answered_both <- function(folder, w1, w2) {
  a <- read.csv(file.path(folder, "actors.csv"), stringsAsFactors = FALSE, encoding = "UTF-8")
  keep <- rep(TRUE, nrow(a))
  rf <- file.path(folder, "responses.csv")
  if (file.exists(rf)) {
    r <- read.csv(rf, stringsAsFactors = FALSE, encoding = "UTF-8")
    out <- r$actor[r$wave %in% c(w1, w2) & tolower(r$status) != "answered"]
    keep <- !(a$id %in% out)
  }
  keep
}

cases <- list(
  list("coleman", file.path(places, "coleman"), "fall", "spring"),
  list("directed", file.path(places, "directed"), "before", "after"),
  list("northamptonshire", file.path(root, "datasets", "northamptonshire"), "before", "after"),
  list("stockton-on-tees", file.path(root, "datasets", "stockton-on-tees"), "before", "after"),
  list("stockton-on-tees", file.path(root, "datasets", "stockton-on-tees"), "after", "6-month")
)
N <- 1000
set.seed(1)
rows <- NULL
for (missing in c("census", "reconstruct")) for (cs in cases) {
  a <- adjacency(cs[[2]], cs[[3]])
  b <- adjacency(cs[[2]], cs[[4]])
  keep <- if (missing == "census") rep(TRUE, nrow(a$m)) else answered_both(cs[[2]], cs[[3]], cs[[4]])
  mode <- if (a$directed) "digraph" else "graph"
  dat <- array(0, c(2, sum(keep), sum(keep)))
  dat[1, , ] <- a$m[keep, keep]
  dat[2, , ] <- b$m[keep, keep]
  r <- gcor(dat, g1 = 1, g2 = 2, mode = mode)
  q <- qaptest(dat, gcor, g1 = 1, g2 = 2, reps = N, mode = mode)
  rows <- rbind(rows, data.frame(case = cs[[1]], from = cs[[3]], to = cs[[4]], missing = missing,
                                 actors = sum(keep), r = sprintf("%.15g", r),
                                 p = sprintf("%.15g", q$pgreq), permutations = N))
}
write.csv(rows, file.path(expected, "qap.csv"), row.names = FALSE, quote = FALSE)
cat("qap reference: ", nrow(rows), " rows, sna ", as.character(packageVersion("sna")), "\n", sep = "")
