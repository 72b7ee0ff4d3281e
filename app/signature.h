/* signature: parses a C function declaration such as
   "float dot(const float *a, const float *b, int n)" into kinds the FFI can marshal. */
#ifndef KDOJO_SIGNATURE_H
#define KDOJO_SIGNATURE_H

#define SIG_MAX_PARAMS 12

typedef enum {
    K_VOID, K_BOOL, K_I8, K_U8, K_I16, K_U16, K_I32, K_U32, K_I64, K_U64, K_F32, K_F64, K_PTR,
} sig_kind;

typedef struct {
    sig_kind kind;
    sig_kind pointee;   /* for K_PTR: the element kind, K_VOID when opaque (void *, struct x *) */
    int is_const;       /* pointer to const */
    char name[32];      /* parameter name, "" if none */
    char text[64];      /* the type as written, for messages: "const float *" */
} sig_type;

typedef struct {
    char name[64];
    sig_type ret;
    sig_type params[SIG_MAX_PARAMS];
    int nparams;
} signature;

/* 0 on success; -1 with a message in err (size errlen). */
int signature_parse(const char *text, signature *sig, char *err, int errlen);
/* The C type a shim uses for a kind ("float", "long long", "void *"). */
const char *sig_kind_ctype(sig_kind k);
/* Bytes per element of a kind (0 for void). */
int sig_kind_size(sig_kind k);
const char *sig_kind_name(sig_kind k); /* "f32", "i32", ... as buffers name them */

#endif
