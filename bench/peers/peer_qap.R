#!/usr/bin/Rscript
# The peer of `ripple compare coleman --from fall --to spring --permutations N`:
# R sna's QAP test of the graph correlation of Coleman's two waves (Debian:
# r-cran-sna).
#
#   Rscript bench/peers/peer_qap.R --write-place DIR     Coleman's network as a place folder
#   Rscript bench/peers/peer_qap.R [--reps N] [-o FILE]  qaptest(..., gcor, reps = N)
#
# sna's `coleman` is a 2 x 73 x 73 array: the friendship nominations of 73 boys in
# an Illinois high school, fall and spring 1957. Nominations are directed, so the
# place is directed (place.csv) and ripple's QAP correlates all ordered pairs,
# the diagonal left out: gcor's default mode = "digraph", diag = FALSE.
#
# The output is one CSV row, statistic_value (r) and p_value, with sna's p
# (pgreq, the share k / N of permutations with r at least the observed one)
# turned into ripple's (1 + k) / (1 + N), so bench/compare.py can compare them.
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) {
  i <- match(name, args)
  if (is.na(i)) default else args[i + 1]
}
data(coleman)

place <- opt("--write-place", NA)
if (!is.na(place)) {
  dir.create(place, showWarnings = FALSE, recursive = TRUE)
  ids <- sprintf("c%02d", 1:73)
  write.csv(data.frame(name = "coleman", programme = "Coleman 1964 (sna coleman data)",
                       directed = "yes"),
            file.path(place, "place.csv"), row.names = FALSE, quote = FALSE)
  write.csv(data.frame(id = ids), file.path(place, "actors.csv"), row.names = FALSE, quote = FALSE)
  write.csv(data.frame(wave = c("fall", "spring"), ordinal = 1:2),
            file.path(place, "waves.csv"), row.names = FALSE, quote = FALSE)
  ties <- NULL
  for (w in 1:2) {
    e <- which(coleman[w, , ] > 0, arr.ind = TRUE)
    ties <- rbind(ties, data.frame(source = ids[e[, 1]], target = ids[e[, 2]],
                                   wave = c("fall", "spring")[w]))
  }
  ties <- ties[order(ties$wave != "fall", ties$source, ties$target), ]
  write.csv(ties, file.path(place, "ties.csv"), row.names = FALSE, quote = FALSE)
  cat("wrote ", place, ": 73 actors, ", nrow(ties), " ties (fall, spring)\n", sep = "")
  quit(status = 0)
}

reps <- as.integer(opt("--reps", "10000"))
out <- opt("-o", "")
set.seed(as.integer(opt("--seed", "42")))
g1 <- coleman[1, , ]
g2 <- coleman[2, , ]
q <- qaptest(list(g1, g2), gcor, g1 = 1, g2 = 2, reps = reps)
k <- round(q$pgreq * reps)
row <- data.frame(place = "coleman", statistic_value = sprintf("%.15g", q$testval),
                  p_value = sprintf("%.15g", (1 + k) / (1 + reps)), permutations = reps,
                  sna = as.character(packageVersion("sna")))
if (out == "") write.csv(row, stdout(), row.names = FALSE, quote = FALSE) else
  write.csv(row, out, row.names = FALSE, quote = FALSE)
