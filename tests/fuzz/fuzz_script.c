/*
 * fuzz_script.c - libFuzzer harness for the meeting-script parser: any bytes as a line must
 * give an action, an empty line or an error with a column inside the line, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct action a;
        struct pk_err e = {0};
        enum script_parse r = script_parse_line((const char *)data, size, &a, &e);
        if (r == SP_ERROR) {
                if (!e.msg[0])
                        abort();
                if (e.column < 0 || (size_t)e.column > size + 1)
                        abort();
        } else if (r == SP_ACTION) {
                if (a.verb >= V__COUNT || !a.text)
                        abort();
                for (int i = 0; i < a.npos; i++)
                        if (!a.pos[i].text)
                                abort();
                action_free(&a);
        }
        return 0;
}
