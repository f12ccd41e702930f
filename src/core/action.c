/*
 * action.c - the action table (generated from PK_VERBS) and accessors of a parsed action.
 * Pure.
 */
#include <stdlib.h>
#include <string.h>

#include "protokol/action.h"

const struct verb_info pk_verb_info[V__COUNT] = {
#define X(id, name, pos, opts, flags, rec, needs, help)                                            \
        [id] = {name, pos, opts, flags, rec, needs, help},
    PK_VERBS(X)
#undef X
};

enum pk_verb verb_lookup(const char *name)
{
        for (int i = 0; i < V__COUNT; i++)
                if (strcmp(pk_verb_info[i].name, name) == 0)
                        return (enum pk_verb)i;
        return V__COUNT;
}

void action_free(struct action *a)
{
        for (int i = 0; i < a->npos; i++)
                free(a->pos[i].text);
        free(a->pos);
        for (int i = 0; i < a->nopts; i++) {
                for (int k = 0; k < a->opts[i].nvals; k++)
                        free(a->opts[i].vals[k].text);
                free(a->opts[i].vals);
        }
        free(a->opts);
        free(a->text);
        memset(a, 0, sizeof *a);
}

const struct opt *action_optv(const struct action *a, const char *key)
{
        for (int i = 0; i < a->nopts; i++)
                if (strcmp(a->opts[i].key, key) == 0)
                        return &a->opts[i];
        return NULL;
}

const char *action_opt(const struct action *a, const char *key)
{
        const struct opt *o = action_optv(a, key);
        return o && o->nvals > 0 ? o->vals[0].text : NULL;
}

bool action_flag(const struct action *a, const char *flag)
{
        const char *list = pk_verb_info[a->verb].flags;
        size_t n = strlen(flag);
        int i = 0;
        for (const char *p = list; *p;) {
                const char *e = strchr(p, ',');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (len == n && strncmp(p, flag, n) == 0)
                        return (a->flags >> i) & 1u;
                i++;
                if (!e)
                        break;
                p = e + 1;
        }
        return false;
}
