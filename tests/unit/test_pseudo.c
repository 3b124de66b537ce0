/*
 * test_pseudo.c - HMAC-SHA256 against RFC 4231's test vectors and Python's
 * hmac (tests/unit/pseudo_vectors.py prints the values below), and a model
 * pseudonymised: no person's id or label is left, codes are stable under one
 * secret and differ under another, organisations and teams stay named.
 */
#include "helpers.h"

static void hex(char *out, const unsigned char *mac, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", mac[i]);
}

static void assert_hmac(const void *key, size_t keylen, const void *msg, size_t len,
                        const char *want)
{
	unsigned char mac[32];
	char got[65];

	ripple_hmac_sha256(mac, key, keylen, msg, len);
	hex(got, mac, strlen(want) / 2);
	assert_string_equal(got, want);
}

/* RFC 4231, section 4: test cases 1, 2, 3, 4, 5 (truncated to 128 bits), 6 and 7. */
static void test_pseudo__hmac_sha256_passes_rfc_4231(void **state)
{
	unsigned char k[131], d[50];

	(void)state;
	memset(k, 0x0b, 20);
	assert_hmac(k, 20, "Hi There", 8,
	            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	assert_hmac("Jefe", 4, "what do ya want for nothing?", 28,
	            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(k, 0xaa, 20);
	memset(d, 0xdd, 50);
	assert_hmac(k, 20, d, 50,
	            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	for (int i = 0; i < 25; i++)
		k[i] = (unsigned char)(i + 1);
	memset(d, 0xcd, 50);
	assert_hmac(k, 25, d, 50,
	            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
	memset(k, 0x0c, 20);
	assert_hmac(k, 20, "Test With Truncation", 20, "a3b6167473100ee06e0c796c2955552b");
	memset(k, 0xaa, 131);
	assert_hmac(k, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	assert_hmac(k, 131,
	            "This is a test using a larger than block-size key and a larger than "
	            "block-size data. The key needs to be hashed before being used by the HMAC "
	            "algorithm.", 152,
	            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

/* Messages on SHA-256's padding boundaries, against Python's hmac. */
static void test_pseudo__hmac_sha256_pads_every_length(void **state)
{
	static const struct { size_t n; const char *want; } cases[] = {
		{ 55, "4a9052e180fe8ce0b589562e8e7e82caf33130cec1bc591b8233bff4074c892c" },
		{ 56, "08af5c9cbb387d2740fbe3c523c5e6892240560a848aa94fa1e06f70cd8f4675" },
		{ 63, "fa6fd75d23794f2ac14dabdffac7520a16691639c3f9ecfb84e8e851502fdd32" },
		{ 64, "8149507e8d911af46ca87f4b9a18a56dc14b5065bc78ee8781c083343f0c673b" },
		{ 65, "e6f9bbe41cb2854f831c5e75cfcc3c5b5ee76fce5a07df316276a9ba736aac97" },
		{ 119, "fe4003de1b24d599d6af9dc009fd9e4c59446f6ba2b404cd515a01eb8e2a01e3" },
		{ 120, "802543889d7b9a584d7ee4099b716aa442728cc7188f32194ed606d4efb8c495" },
	};
	char msg[120];

	(void)state;
	memset(msg, 'm', sizeof(msg));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_hmac("kkkkkkkkkkkkkkkk", 16, msg, cases[i].n, cases[i].want);
}

static const char K1[] = "a secret of the evaluation team";
static const char K2[] = "another secret, not the same one";

static void test_pseudo__codes_are_keyed_and_stable(void **state)
{
	char a[RIPPLE_PSEUDO_CODE_SIZE], b[RIPPLE_PSEUDO_CODE_SIZE];

	(void)state;
	ripple_pseudo_code(a, K1, strlen(K1), "P1", RIPPLE_PERSON);
	assert_string_equal(a, "P-f06ca51a0f");
	ripple_pseudo_code(b, K1, strlen(K1), "P1", RIPPLE_PERSON);
	assert_string_equal(a, b);
	ripple_pseudo_code(b, K2, strlen(K2), "P1", RIPPLE_PERSON);
	assert_string_equal(b, "P-88a831d6b4");
	ripple_pseudo_code(a, K1, strlen(K1), "T1", RIPPLE_TEAM);
	assert_string_equal(a, "T-a4235b763c");
	ripple_pseudo_code(a, K1, strlen(K1), "O1", RIPPLE_ORGANISATION);
	assert_string_equal(a, "O-75f9c24eaa");
}

/* A place folder in a temporary folder, read back as a model. */
static ripple_model *read_place(char **dir)
{
	ripple_store *s;
	ripple_model *m;
	ripple_error err;
	int64_t id;

	*dir = temp_dir();
	write_file(*dir, "actors.csv",
	           "id,label,kind,parent,email\n"
	           "O1,Council,organisation,,info@council.example\n"
	           "T1,Sport team,team,O1,\n"
	           "P1,Ann Lee,person,T1,ann@council.example\n"
	           "X,X,person,,x@example.org\n");
	write_file(*dir, "ties.csv", "source,target,wave\nP1,X,w1\nO1,X,w2\n");
	write_file(*dir, "ripples.csv",
	           "id,label,actors\n"
	           "r1,Ann Lee met X at the Council,P1;X\n"
	           "r2,Ann Leeds and X-ray and P1's bid,P1\n"
	           "r3,nothing to hide,\n");
	id = open_only_place(*dir, 0, &s);
	assert_int_equal(ripple_store_read(&m, s, id, &err), RIPPLE_OK);
	ripple_store_close(s);
	return m;
}

static void test_pseudo__replaces_people_and_keeps_organisations(void **state)
{
	ripple_model *m;
	ripple_error err;
	char *dir;

	(void)state;
	m = read_place(&dir);
	assert_int_equal(ripple_model_pseudonymise(m, K1, strlen(K1), RIPPLE_PSEUDO_PEOPLE, &err),
	                 RIPPLE_OK);
	assert_string_equal(m->actors[0].id, "O1");
	assert_string_equal(m->actors[0].label, "Council");
	assert_int_equal(m->actor_attrs[0].count, 1);
	assert_string_equal(m->actors[1].label, "Sport team");
	assert_string_equal(m->actors[2].id, "P-f06ca51a0f");
	assert_string_equal(m->actors[2].label, "P-f06ca51a0f");
	assert_int_equal(m->actor_attrs[2].count, 0);   /* the e-mail is gone */
	assert_int_equal(m->actors[2].parent, 1);
	assert_string_equal(m->actors[3].id, "P-de7bd48422");
	assert_int_equal(m->actor_attrs[3].count, 0);
	/* whole words only: "Ann Leeds" and "X-ray" are other words; "P1's" holds P1 */
	assert_string_equal(m->ripples[0].label, "P-f06ca51a0f met P-de7bd48422 at the Council");
	assert_string_equal(m->ripples[1].label,
	                    "Ann Leeds and X-ray and P-f06ca51a0f's bid");
	assert_string_equal(m->ripples[2].label, "nothing to hide");
	assert_int_equal(m->ripples[0].nactors, 2);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_pseudo__all_replaces_organisations_and_teams(void **state)
{
	ripple_model *m;
	ripple_error err;
	char *dir;

	(void)state;
	m = read_place(&dir);
	assert_int_equal(ripple_model_pseudonymise(m, K1, strlen(K1), RIPPLE_PSEUDO_ALL, &err),
	                 RIPPLE_OK);
	assert_string_equal(m->actors[0].label, "O-75f9c24eaa");
	assert_string_equal(m->actors[1].id, "T-a4235b763c");
	assert_string_equal(m->ripples[0].label,
	                    "P-f06ca51a0f met P-de7bd48422 at the O-75f9c24eaa");
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_pseudo__refuses_a_short_secret(void **state)
{
	ripple_model *m;
	ripple_error err;
	char *dir;

	(void)state;
	m = read_place(&dir);
	assert_int_equal(ripple_model_pseudonymise(m, "short", 5, RIPPLE_PSEUDO_PEOPLE, &err),
	                 RIPPLE_EUSAGE);
	assert_non_null(strstr(err.message, "at least 16"));
	assert_string_equal(m->actors[2].id, "P1");   /* nothing changed */
	assert_int_equal(ripple_model_pseudonymise(m, "short", 5, RIPPLE_PSEUDO_NONE, &err),
	                 RIPPLE_OK);
	ripple_model_free(m);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pseudo__hmac_sha256_passes_rfc_4231),
		cmocka_unit_test(test_pseudo__hmac_sha256_pads_every_length),
		cmocka_unit_test(test_pseudo__codes_are_keyed_and_stable),
		cmocka_unit_test(test_pseudo__replaces_people_and_keeps_organisations),
		cmocka_unit_test(test_pseudo__all_replaces_organisations_and_teams),
		cmocka_unit_test(test_pseudo__refuses_a_short_secret),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
