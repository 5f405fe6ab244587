/* test_str: dg_buf, dg_strvec, dg_map and the UTF-8 helpers of dg_str. */
#include <stdlib.h>
#include <string.h>

#include "dg_str.h"
#include "testhelp.h"

static void test_buf(void) {
  dg_buf b;
  dg_buf_init(&b);
  CHECK_STR(dg_buf_cstr(&b), "");
  CHECK(b.len == 0);
  dg_buf_adds(&b, "ab");
  dg_buf_addc(&b, 'c');
  dg_buf_add(&b, "dexyz", 2);
  CHECK_STR(b.data, "abcde");
  CHECK(b.len == 5);
  dg_buf_printf(&b, "-%d-%s", 42, "x");
  CHECK_STR(b.data, "abcde-42-x");
  /* growth well past the first allocation, contents kept */
  for (int i = 0; i < 1000; i++) dg_buf_printf(&b, "%03d", i);
  CHECK(b.len == 10 + 3000);
  CHECK(b.cap > b.len);
  CHECK(!strncmp(b.data + 10, "000001002", 9));
  CHECK(!strcmp(b.data + b.len - 3, "999"));
  CHECK(strlen(b.data) == b.len);
  /* a long printf at once */
  dg_buf_reset(&b);
  CHECK(b.len == 0 && b.data[0] == '\0');
  char big[5000];
  memset(big, 'q', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  dg_buf_printf(&b, "<%s>", big);
  CHECK(b.len == sizeof big + 1 && b.data[0] == '<' && b.data[b.len - 1] == '>');
  /* binary bytes and embedded NUL through dg_buf_add */
  dg_buf_reset(&b);
  dg_buf_add(&b, "a\0b", 3);
  CHECK(b.len == 3 && b.data[1] == '\0' && b.data[2] == 'b' && b.data[3] == '\0');
  char *s = dg_buf_steal(&b);
  CHECK(s[0] == 'a' && s[2] == 'b');
  CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
  free(s);
  s = dg_buf_steal(&b); /* stealing an empty buffer gives "" */
  CHECK_STR(s, "");
  free(s);
  dg_buf_free(&b);
  dg_buf_free(&b); /* twice is harmless */
  CHECK(b.data == NULL);
}

static void test_strvec(void) {
  dg_strvec v;
  dg_strvec_init(&v);
  CHECK(dg_strvec_find(&v, "x") == -1);
  char word[8] = "pear";
  dg_strvec_push(&v, word);
  strcpy(word, "XXXX"); /* push copied it */
  CHECK_STR(v.v[0], "pear");
  dg_strvec_pushn(&v, "applesauce", 5);
  CHECK_STR(v.v[1], "apple");
  CHECK(dg_strvec_add_unique(&v, "pear") == 0);
  CHECK(dg_strvec_add_unique(&v, "fig") == 2);
  CHECK(v.n == 3);
  CHECK(dg_strvec_find(&v, "apple") == 1);
  CHECK(dg_strvec_find(&v, "appl") == -1);
  for (int i = 0; i < 100; i++) {
    char t[16];
    snprintf(t, sizeof t, "w%03d", 99 - i);
    dg_strvec_push(&v, t);
  }
  CHECK(v.n == 103);
  dg_strvec_sort(&v);
  CHECK_STR(v.v[0], "apple");
  CHECK_STR(v.v[1], "fig");
  CHECK_STR(v.v[2], "pear");
  CHECK_STR(v.v[3], "w000");
  CHECK_STR(v.v[102], "w099");
  int sorted = 1;
  for (size_t i = 1; i < v.n; i++) sorted &= strcmp(v.v[i - 1], v.v[i]) <= 0;
  CHECK(sorted);
  dg_strvec_free(&v);
  CHECK(v.n == 0 && v.v == NULL);
}

static void test_map(void) {
  dg_map m;
  dg_map_init(&m);
  CHECK(dg_map_get(&m, "absent") == -1);
  char key[16] = "alpha";
  dg_map_put(&m, key, 1);
  strcpy(key, "zzzzz"); /* the map copied its key */
  CHECK(dg_map_get(&m, "alpha") == 1);
  CHECK(dg_map_get(&m, "zzzzz") == -1);
  dg_map_put(&m, "alpha", 7); /* overwrite */
  CHECK(dg_map_get(&m, "alpha") == 7);
  CHECK(m.n == 1);
  dg_map_put(&m, "", 3); /* the empty key is a key */
  CHECK(dg_map_get(&m, "") == 3);
  /* getn looks up a prefix of a longer string, not the whole */
  dg_map_put(&m, "ab", 12);
  CHECK(dg_map_getn(&m, "abc", 2) == 12);
  CHECK(dg_map_getn(&m, "abc", 3) == -1);
  CHECK(dg_map_getn(&m, "alphabet", 5) == 7);
  /* growth: many keys, every one still found with its value */
  size_t cap0 = m.cap;
  for (int i = 0; i < 20000; i++) {
    char k[32];
    snprintf(k, sizeof k, "key-%d", i);
    dg_map_put(&m, k, i * 3);
  }
  CHECK(m.cap > cap0);
  CHECK(m.n == 20000 + 3);
  CHECK(m.n * 2 <= m.cap); /* load factor kept at or below one half */
  int all = 1;
  for (int i = 0; i < 20000; i++) {
    char k[32];
    snprintf(k, sizeof k, "key-%d", i);
    all &= dg_map_get(&m, k) == i * 3;
  }
  CHECK(all);
  CHECK(dg_map_get(&m, "alpha") == 7);
  CHECK(dg_map_get(&m, "key-20000") == -1);
  CHECK(dg_map_get(&m, "key-") == -1);
  dg_map_free(&m);
  CHECK(dg_map_get(&m, "alpha") == -1);
  CHECK(dg_hash("", 0) != 0);
  CHECK(dg_hash("a", 1) != dg_hash("b", 1));
  CHECK(dg_hash("ab", 2) == dg_hash("abc", 2));
}

static void test_utf8(void) {
  const char *s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80z"; /* a é ’ 😀 z */
  CHECK(dg_utf8_count(s, strlen(s)) == 5);
  CHECK(dg_utf8_count(s, 3) == 2);
  CHECK(dg_utf8_count("", 0) == 0);
  const unsigned char *u = (const unsigned char *)s;
  CHECK(dg_utf8_seq_len(u, 11) == 1);
  CHECK(dg_utf8_seq_len(u + 1, 10) == 2);
  CHECK(dg_utf8_seq_len(u + 3, 8) == 3);
  CHECK(dg_utf8_seq_len(u + 6, 5) == 4);
  CHECK(dg_utf8_seq_len(u + 6, 3) == 0);  /* truncated */
  CHECK(dg_utf8_seq_len(u + 2, 9) == 0);  /* a continuation byte */
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xC0\xAF", 2) == 0); /* overlong '/' */
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xE0\x80\xAF", 3) == 0);
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xED\xA0\x80", 3) == 0); /* surrogate */
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xF4\x90\x80\x80", 4) == 0); /* > U+10FFFF */
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xF4\x8F\xBF\xBF", 4) == 4);  /* U+10FFFF */
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xC3\x28", 2) == 0);
  CHECK(dg_utf8_seq_len((const unsigned char *)"\xFF", 1) == 0);
  /* append gives back the same bytes, each a valid sequence */
  static const unsigned cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xFFFD, 0x10000,
                                 0x1F600, 0x10FFFF};
  dg_buf b;
  dg_buf_init(&b);
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) dg_utf8_append(&b, cps[i]);
  CHECK(dg_utf8_count(b.data, b.len) == sizeof cps / sizeof *cps);
  size_t off = 0, n = 0;
  int lens_ok = 1;
  static const int want_len[] = {1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
  while (off < b.len) {
    int l = dg_utf8_seq_len((const unsigned char *)b.data + off, b.len - off);
    lens_ok &= l == want_len[n];
    if (l <= 0) break;
    off += (size_t)l, n++;
  }
  CHECK(lens_ok && n == sizeof cps / sizeof *cps);
  dg_buf_reset(&b);
  dg_utf8_append(&b, 0x2019);
  CHECK_STR(b.data, "\xE2\x80\x99");
  dg_buf_free(&b);
}

int main(void) {
  test_buf();
  test_strvec();
  test_map();
  test_utf8();
  return TEST_REPORT();
}
