/*
 * fuzz_profile.c - libFuzzer harness for the profile loader: any text must load into a
 * profile whose every rule is set and cited, or fail with a message; never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text = malloc(size + 1);
        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        struct profile *p = malloc(sizeof *p);
        struct pk_err e = {0};
        if (profile_parse(text, "fuzz.ini", p, &e) == 0) {
                if (!p->name[0])
                        abort();
                for (int r = 0; r < R__COUNT; r++)
                        if (!p->rules[r].text[0])
                                abort();
        } else if (!e.msg[0]) {
                abort();
        }
        free(p);
        free(text);
        return 0;
}
