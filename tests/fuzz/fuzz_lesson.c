/* fuzz_lesson: lesson.lua metadata of any shape must load or fail with an error that names
   the file and a line; never crash, hang or leak. */
#include "lesson.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *err = lesson_check_metadata((const char *)data, size);
    if (err && strncmp(err, "lesson.lua:", 11) && !strstr(err, "lesson.lua")) __builtin_trap();
    free(err);
    return 0;
}
