/*
 * profile_rules.c - what the engine knows of the profile format's rules: each rule's name and
 * type (from PROFILE_RULES in profile.h), lookups by name, and reading a list rule. The
 * loader (io/profile.c) reads files; the engine needs only this, so libpkcore links alone.
 */
#include <stdlib.h>
#include <string.h>

#include "protokol/profile.h"
#include "protokol/util.h"

static const char *const rule_names[R__COUNT] = {
#define X(id, name, type, words) [id] = name,
    PROFILE_RULES(X)
#undef X
};

static const enum rule_type rule_types[R__COUNT] = {
#define X(id, name, type, words) [id] = type,
    PROFILE_RULES(X)
#undef X
};

const char *profile_rule_name(enum rule_id id)
{
        if ((unsigned)id >= R__COUNT)
                return "";
        return rule_names[id];
}

enum rule_type profile_rule_type(enum rule_id id)
{
        if ((unsigned)id >= R__COUNT)
                return RT_BOOL;
        return rule_types[id];
}

int profile_rule_lookup(const char *name)
{
        for (int r = 0; r < R__COUNT; r++)
                if (!strcmp(name, rule_names[r]))
                        return r;
        return -1;
}

void profile_rules_by_closeness(const char *name, int order[R__COUNT])
{
        int d[R__COUNT];
        for (int r = 0; r < R__COUNT; r++) {
                order[r] = r;
                d[r] = pk_edit_distance(name, rule_names[r], 64);
        }
        /* insertion sort: stable, so equally close rules keep the table's order */
        for (int i = 1; i < R__COUNT; i++)
                for (int j = i; j > 0 && d[order[j]] < d[order[j - 1]]; j--) {
                        int t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                }
}

/* True if the comma-separated list rule id contains word (false for other rule types). */
bool profile_list_has(const struct profile *p, enum rule_id id, const char *word)
{
        if (!p || !word || !*word || (unsigned)id >= R__COUNT || rule_types[id] != RT_LIST)
                return false;
        size_t wl = strlen(word);
        const char *s = p->rules[id].sval;
        while (*s) {
                const char *comma = strchr(s, ',');
                size_t n = comma ? (size_t)(comma - s) : strlen(s);
                if (n == wl && strncmp(s, word, n) == 0)
                        return true;
                if (!comma)
                        break;
                s = comma + 1;
        }
        return false;
}
