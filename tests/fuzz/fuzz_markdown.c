/* fuzz_markdown: the lesson text renderer must survive any input at any width: no crash, no
   hang, no leak; every rendered line fits the width and its spans stay inside the line. */
#include "markdown.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    int width = 10 + data[0] % 150;     /* first byte: the terminal width */
    bool ascii = data[1] & 1;           /* second: a non-UTF-8 terminal */
    mdoc d = {.ascii = ascii};
    markdown_render(&d, (const char *)data + 2, size - 2, width);
    for (int i = 0; i < d.n; i++) {
        const mline *l = &d.lines[i];
        for (int k = 0; k < l->n_spans; k++)
            if (l->spans[k].off < 0 || l->spans[k].len < 0 || l->spans[k].off + l->spans[k].len > l->len) __builtin_trap();
    }
    mdoc_done(&d);
    return 0;
}
