/*
 * fuzz_csv.c - libFuzzer harness for the CSV import parser: any bytes, as a members or an
 * agenda file (the first byte chooses), must either give script lines that the script
 * parser accepts, one per row, or be refused with a message and a line; never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/import.h"
#include "protokol/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size < 1)
                return 0;
        enum import_kind kind = data[0] & 1 ? IMPORT_AGENDA : IMPORT_MEMBERS;
        struct import_opts o = {0};
        struct import_result r = {0};
        struct pk_err e = {0};
        if (csv_import_parse(kind, (const char *)data + 1, size - 1, "fuzz.csv", &o, &r, &e) == 0) {
                for (int i = 0; i < r.n; i++) {
                        struct action a;
                        struct pk_err pe = {0};
                        if (script_parse_line(r.lines[i], strlen(r.lines[i]), &a, &pe) != SP_ACTION)
                                abort(); /* the import wrote a line the script language refuses */
                        action_free(&a);
                        if (r.linenos[i] < 1)
                                abort();
                }
                import_result_free(&r);
        } else if (!e.msg[0]) {
                abort();
        }
        return 0;
}
