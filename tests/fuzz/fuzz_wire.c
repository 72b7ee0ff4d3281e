/* fuzz_wire: the child-to-parent record decoder must survive any byte stream: no crash, no
   hang, no leak; a malformed stream is reported as corrupt and yields nothing more. */
#include "wire.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    wire_decoder d;
    wire_decoder_init(&d);
    /* Feed in uneven slices, as a pipe would deliver them. */
    size_t off = 0, step = size ? (size_t)data[0] % 7 + 1 : 1;
    while (off < size) {
        size_t n = size - off < step ? size - off : step;
        wire_feed(&d, data + off, n);
        off += n;
        wire_record r;
        int rc;
        while ((rc = wire_next(&d, &r)) == 1) {
            for (int i = 0; i < r.nfields; i++)
                if (strlen(r.field[i]) > r.len[i]) __builtin_trap(); /* fields stay NUL-terminated */
            wire_record_done(&r);
        }
        if (rc < 0 && !d.corrupt) __builtin_trap();
    }
    wire_decoder_done(&d);
    return 0;
}
