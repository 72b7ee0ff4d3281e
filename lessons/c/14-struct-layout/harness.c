/* harness.c for c/14-struct-layout: what the C compiler itself does with a few structs. */
#include <stddef.h>

struct harness_s0 { char a; int b; };
struct harness_s1 { char a; double b; char c; };
struct harness_s2 { double a; char b; char c; };
struct harness_s3 { short a; char b[5]; int c; char d; };
struct harness_s4 { char a; short b; int c; long d; float e; double f; void *g; };
struct harness_s5 { int a; char b; };
struct harness_s6 { char a[3]; double b[2]; short c; };
struct harness_s7 { char a; char b; short c; };

#define HARNESS_N 8
static const char *harness_types[HARNESS_N] = {"ci", "cdc", "dcc", "hc5ic", "chilfdp", "ic", "c3d2h", "cch"};

/* The type string of struct k, its sizeof (the return value) and its offsetof values. */
const char *harness_real_types(int k) { return k >= 0 && k < HARNESS_N ? harness_types[k] : ""; }

size_t harness_real(int k, size_t *off)
{
#define H_OFF(s, m, i) off[i] = offsetof(struct s, m)
    switch (k) {
    case 0: H_OFF(harness_s0, a, 0); H_OFF(harness_s0, b, 1); return sizeof(struct harness_s0);
    case 1: H_OFF(harness_s1, a, 0); H_OFF(harness_s1, b, 1); H_OFF(harness_s1, c, 2); return sizeof(struct harness_s1);
    case 2: H_OFF(harness_s2, a, 0); H_OFF(harness_s2, b, 1); H_OFF(harness_s2, c, 2); return sizeof(struct harness_s2);
    case 3: H_OFF(harness_s3, a, 0); H_OFF(harness_s3, b, 1); H_OFF(harness_s3, c, 2); H_OFF(harness_s3, d, 3); return sizeof(struct harness_s3);
    case 4: H_OFF(harness_s4, a, 0); H_OFF(harness_s4, b, 1); H_OFF(harness_s4, c, 2); H_OFF(harness_s4, d, 3);
            H_OFF(harness_s4, e, 4); H_OFF(harness_s4, f, 5); H_OFF(harness_s4, g, 6); return sizeof(struct harness_s4);
    case 5: H_OFF(harness_s5, a, 0); H_OFF(harness_s5, b, 1); return sizeof(struct harness_s5);
    case 6: H_OFF(harness_s6, a, 0); H_OFF(harness_s6, b, 1); H_OFF(harness_s6, c, 2); return sizeof(struct harness_s6);
    case 7: H_OFF(harness_s7, a, 0); H_OFF(harness_s7, b, 1); H_OFF(harness_s7, c, 2); return sizeof(struct harness_s7);
    }
    return 0;
}
