/*
 * core_alone.c - the engine links on its own: this program is linked with the whole of
 * libpkcore (every object, link_whole) and nothing else but the C library, so a core file
 * that needs a symbol from the loader, the store or the UI fails the build. Run, it applies
 * a few actions and checks the engine answers.
 */
#include <stdio.h>
#include <string.h>

#include "protokol/action.h"
#include "protokol/engine.h"

int main(void)
{
        struct pk_state *s = engine_new();
        struct pk_verdict v[V__COUNT];
        engine_allowed_set(s, v);
        /* with no body yet, a body may be registered and an item may not */
        int ok = v[V_BODY].allowed && !v[V_ITEM].allowed && v[V_ITEM].why && v[V_ITEM].why[0];
        if (!ok)
                printf("body %d, item %d: %s\n", v[V_BODY].allowed, v[V_ITEM].allowed,
                       v[V_ITEM].why ? v[V_ITEM].why : "(no reason)");
        engine_verdicts_free(v);
        engine_free(&s);
        puts(ok ? "the engine links and answers alone" : "the engine's verdicts are wrong");
        return ok ? 0 : 1;
}
