/*
 * election.c - elections in a meeting (SPEC §5.2): `election`, `candidate`, `group`,
 * `round`, `allocate`, `waive` and `lot`, driving the pure calculations of elect.c.
 *
 * A lot is an input like every other: the action layer draws it and records the order
 * drawn (`lot order="B","A"`), so replaying the record gives the same result. Like the rest
 * of the engine, every handler checks everything before it changes anything.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* A refusal (r PK_DENIED) under rule, or a line error (PK_ERROR, rule R__COUNT). */
static enum pk_result fail(struct pk_reply *rep, enum pk_result r, const struct profile *p,
                           enum rule_id rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static enum pk_result fail(struct pk_reply *rep, enum pk_result r, const struct profile *p,
                           enum rule_id rule, const char *fmt, ...)
{
        struct sb *msg = &rep->msg;
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(msg, fmt, ap);
        va_end(ap);
        rep->rule = r == PK_DENIED ? rule : R__COUNT;
        (void)p;
        return r;
}

/* Appends a line to the election's log. The caller builds it between log_begin() and
 * log_end(), so it is in English whatever the locale (it is part of the state). */
static bool log_begin(void)
{
        return pk_tr_off(true);
}

static void log_end(bool was)
{
        pk_tr_off(was);
}

static void log_line(struct election *e, const char *text)
{
        e->log = pk_xrealloc(e->log, (size_t)(e->nlog + 1) * sizeof *e->log);
        e->log[e->nlog++] = pk_xstrdup(text);
}

static enum pk_result apply_alliances(struct meeting *m, struct election *e,
                                      const struct profile *p, struct pk_reply *rep);

/* The last election under the item being treated (finished or not), or NULL. */
struct election *eng_election(struct meeting *m)
{
        if (m->nelections == 0)
                return NULL;
        struct election *e = &m->elections[m->nelections - 1];
        return e->item != m->current ? NULL : e;
}

/* Verbs: the election verbs. An election's own course: started, of its kind, not decided. */
bool chk_election(const struct pk_state *s, const struct meeting *cm, const struct profile *cp,
                  const struct action *a, struct why *why)
{
        (void)cm, (void)cp;
        enum pk_verb v = a->verb;
        struct meeting *m = eng_meeting((struct pk_state *)s);
        const struct profile *p = eng_profile(s, m);
        struct election *e = m ? eng_election(m) : NULL;
        if (v == V_ELECTION) {
                if (e && !e->done) {
                        why_add(why, _("the election \"%s\" is still under way"), e->title);
                        return false;
                }
                return true;
        }
        if (!e) {
                why_add(why, "%s",
                        _("no election is under way: start one with election \"TITLE\""));
                return false;
        }
        bool maj = !e->proportional;
        if ((v == V_CANDIDATE || v == V_ROUND) && !maj) {
                why_add(why, "%s", _("this is a proportional election: groups and allocate"));
                return false;
        }
        if ((v == V_GROUP || v == V_ALLOCATE || v == V_WAIVE) && maj) {
                why_add(why, "%s", _("this is a majority election: candidates and rounds"));
                return false;
        }
        if (v == V_LOT && engine_lot_pending(s, NULL, 0) == 0) {
                eng_why(why, p, R_ELECTION_LOT, "%s", _("no lot is due"));
                return false;
        }
        if (v == V_WAIVE && !e->allocated) {
                why_add(why, "%s", _("the seats have not been allocated"));
                return false;
        }
        if (e->done && v != V_WAIVE) {
                why_add(why, _("the election \"%s\" is decided"), e->title);
                return false;
        }
        /* R_ELECTION_PROPOSAL: after the leader's proposal, a written ballot only on demand */
        if ((v == V_ROUND || v == V_CANDIDATE) && e->proposed >= 0 && e->demanded_by < 0) {
                eng_why(why, p, R_ELECTION_PROPOSAL,
                        _("\"%s\" is proposed for election without a written ballot: elected "
                          "with decide unless a member demands a ballot (demand \"NAME\")"),
                        e->maj->cand[e->proposed]);
                return false;
        }
        /* R_LATE_AGENDA: an election is a decision on the item like a ballot (§ 3, stk. 3) */
        if ((v == V_ROUND || v == V_ALLOCATE) && m->dispatch_late && m->current >= 0 &&
            !m->items[m->current].urgent &&
            !strcmp(p->rules[R_LATE_AGENDA].sval, "reason-required")) {
                eng_why(why, p, R_LATE_AGENDA,
                        _("the agenda was dispatched late: record why this item cannot wait "
                          "(urgent \"REASON\") before it is decided"));
                return false;
        }
        return true;
}

int engine_lot_pending(const struct pk_state *s, const char **names, int max)
{
        struct meeting *m = eng_meeting((struct pk_state *)s);
        struct election *e = m ? eng_election(m) : NULL;
        if (!e || e->done)
                return 0;
        int n = 0;
        if (!e->proportional && e->out.state == ES_LOT_NEEDED) {
                for (int i = 0; i < e->out.ntied; i++, n++)
                        if (names && n < max)
                                names[n] = e->maj->cand[e->out.tied[i]];
        } else if (e->proportional && e->res && e->res->status == EP_LOT_NEEDED) {
                for (int i = 0; i < e->res->ntied; i++, n++)
                        if (names && n < max)
                                names[n] = e->prop->group[e->res->tied[i]].name;
        }
        return n;
}

static enum pk_result h_election(struct pk_state *s, struct meeting *m, const struct profile *p,
                                 const struct action *a, struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        (void)s;
        const char *method = action_opt(a, "method");
        const char *seats_s = action_opt(a, "seats");
        if (!method || (strcmp(method, "majority") && strcmp(method, "proportional")))
                return fail(rep, PK_ERROR, NULL, R__COUNT,
                            _("election needs method=majority or method=proportional"));
        bool prop = !strcmp(method, "proportional");
        int seats = seats_s ? atoi(seats_s) : 1;
        if (prop && (!seats_s || seats < 1 || seats > ELECT_MAX_SEATS))
                return fail(rep, PK_ERROR, NULL, R__COUNT,
                            _("a proportional election needs seats=N (1 to %d)"), ELECT_MAX_SEATS);
        if (!prop && seats != 1)
                return fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL,
                            _("a majority election fills one seat; several are filled by a "
                              "proportional election"));
        m->elections =
            pk_xrealloc(m->elections, (size_t)(m->nelections + 1) * sizeof *m->elections);
        struct election *e = &m->elections[m->nelections++];
        memset(e, 0, sizeof *e);
        e->title = pk_xstrdup(a->pos[0].text);
        e->item = m->current;
        e->proposed = e->demanded_by = -1;
        e->proportional = prop;
        e->seats = seats;
        if (prop) {
                e->prop = pk_xcalloc(1, sizeof *e->prop);
                elect_prop_init(e->prop, seats);
                e->prop->lot_allowed = profile_int(p, R_ELECTION_LOT);
                e->prop->rank_all_ties = false;
                e->res = pk_xcalloc(1, sizeof *e->res);
        } else {
                e->maj = pk_xcalloc(1, sizeof *e->maj);
                struct elect_majority_rules r = elect_majority_rules_from_profile(p);
                elect_majority_init(e->maj, &r);
                elect_majority_eval(e->maj, &e->out);
        }
        enum rule_id rid = prop ? R_ELECTION_PROPORTIONAL : R_ELECTION_MAJORITY_BASIS;
        if (prop)
                sb_addf(msg, _("E%d \"%s\": proportional election of %d seats"), m->nelections,
                        e->title, seats);
        else
                sb_addf(msg, _("E%d \"%s\": majority election"), m->nelections, e->title);
        if (p->rules[rid].cite[0])
                sb_addf(msg, " (%s)", p->rules[rid].cite);
        return PK_OK;
}

/*
 * Who may be a candidate (R_REPRESENTATIVES): where only members of the municipal councils may
 * be appointed political representatives (KKR), a candidate is a person of the body's register
 * (its members and observers sit on a council of the area), or is named with the council they
 * sit on (council="…"), or stands as an official, not a political representative (official).
 * Writes the note for the log (empty when none is due) into note.
 */
static enum pk_result candidate_eligible(const struct pk_state *s, const struct meeting *m,
                                         const struct profile *p, const struct action *a,
                                         struct pk_reply *rep, struct sb *note)
{
        const char *council = action_opt(a, "council");
        bool official = action_flag(a, "official");
        if (strcmp(p->rules[R_REPRESENTATIVES].sval, "council-members") != 0) {
                if (council || official)
                        return fail(rep, PK_ERROR, NULL, R__COUNT, "%s",
                                    _("council= and official are for bodies whose political "
                                      "representatives must sit on a municipal council"));
                return PK_OK;
        }
        if (council && official)
                return fail(rep, PK_ERROR, NULL, R__COUNT, "%s",
                            _("a candidate is either an official or a council member (council=), "
                              "not both"));
        if (official) {
                sb_add(note, "official, not a political representative");
                return PK_OK;
        }
        if (council) {
                sb_addf(note, "member of the council of %s", council);
                return PK_OK;
        }
        if (eng_find_member(s, m->body, a->pos[0].text) >= 0)
                return PK_OK;
        return fail(rep, PK_DENIED, p, R_REPRESENTATIVES,
                    _("\"%s\" is not in this body's register: only members of the municipal "
                      "councils of its area can be political representatives (name the council "
                      "with council=\"…\", or official for one who is not a political "
                      "representative)"),
                    a->pos[0].text);
}

static enum pk_result h_candidate(struct pk_state *s, struct meeting *m, struct election *e,
                                  const struct profile *p, const struct action *a,
                                  struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        if (e->out.round > 0)
                return fail(rep, PK_DENIED, NULL, R__COUNT,
                            _("the voting has begun: candidates are named before round 1"));
        bool proposed = action_flag(a, "proposed");
        if (proposed && !profile_int(p, R_ELECTION_PROPOSAL))
                return fail(rep, PK_DENIED, p, R_ELECTION_PROPOSAL,
                            _("this body's rules elect by a ballot: no candidate is elected "
                              "without one"));
        if (proposed && e->maj->ncand > 0)
                return fail(rep, PK_DENIED, p, R_ELECTION_PROPOSAL,
                            _("candidates are already named: the proposal to elect without a "
                              "written ballot comes before them"));
        if (elect_majority_find(e->maj, a->pos[0].text) >= 0)
                return fail(rep, PK_ERROR, NULL, R__COUNT, _("\"%s\" is already a candidate"),
                            a->pos[0].text);
        struct sb note = {0};
        enum pk_result ok = candidate_eligible(s, m, p, a, rep, &note);
        if (ok != PK_OK) {
                sb_free(&note);
                return ok;
        }
        if (note.len) {
                struct sb line = {0};
                sb_addf(&line, "candidate \"%s\": %s", a->pos[0].text, sb_str(&note));
                sb_free(&note);
                note = line;
        }
        struct elect_majority copy = *e->maj;
        struct pk_err err = {0};
        if (elect_majority_candidate(&copy, a->pos[0].text, &err) < 0) {
                sb_free(&note);
                return fail(rep, PK_ERROR, NULL, R__COUNT, "%s", err.msg);
        }
        int k = elect_majority_candidate(e->maj, a->pos[0].text, &err);
        if (note.len)
                log_line(e, sb_str(&note));
        sb_free(&note);
        if (proposed) {
                e->proposed = k;
                bool was = log_begin();
                struct sb line = {0};
                sb_addf(&line,
                        _("\"%s\" proposed by the chair for election without a written ballot"),
                        a->pos[0].text);
                log_end(was);
                log_line(e, sb_str(&line));
                sb_free(&line);
                sb_addf(msg,
                        _("\"%s\" proposed for election without a written ballot: elected "
                          "unless a member demands one (%s)"),
                        a->pos[0].text, p->rules[R_ELECTION_PROPOSAL].cite);
                return PK_OK;
        }
        sb_addf(msg, _("candidate \"%s\" (%d)"), a->pos[0].text, e->maj->ncand);
        if (action_opt(a, "council"))
                sb_addf(msg, _(", member of the council of %s"), action_opt(a, "council"));
        else if (action_flag(a, "official"))
                sb_add(msg, _(", an official, not a political representative"));
        if (action_opt(a, "council") || action_flag(a, "official"))
                sb_addf(msg, " (%s)", p->rules[R_REPRESENTATIVES].cite);
        return PK_OK;
}

static enum pk_result h_group(struct pk_state *s, struct meeting *m, struct election *e,
                              const struct profile *p, const struct action *a, struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        if (e->allocated || e->res->status == EP_LOT_NEEDED)
                return fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL,
                            _("the seats are being allocated: groups are declared before"));
        const char *name = a->pos[0].text;
        if (elect_prop_find(e->prop, name) >= 0)
                return fail(rep, PK_ERROR, NULL, R__COUNT, _("group \"%s\" is already declared"),
                            name);
        const struct opt *mem = action_optv(a, "members");
        const char *votes_s = action_opt(a, "votes");
        if (!mem && !votes_s)
                return fail(rep, PK_ERROR, NULL, R__COUNT,
                            _("a group needs members=\"A\",\"B\"… (or votes=N for vote totals)"));
        int idx[ELECT_MAX_SEATS * 4], n = 0;
        for (int i = 0; mem && i < mem->nvals; i++) {
                int k = -1;
                for (int j = 0; j < s->nmembers; j++)
                        if (s->members[j].body == m->body &&
                            !strcmp(s->members[j].name, mem->vals[i].text))
                                k = j;
                if (k < 0) {
                        eng_no_member(s, m->body, mem->vals[i].text, msg);
                        return PK_ERROR;
                }
                if (!eng_seated(s, m, k) || eng_inhabil(m, m->current, k))
                        return fail(rep, PK_DENIED, NULL, R__COUNT,
                                    _("\"%s\" is not present and cannot join a group"),
                                    mem->vals[i].text);
                for (int j = 0; j < n; j++)
                        if (idx[j] == k)
                                return fail(rep, PK_ERROR, NULL, R__COUNT,
                                            _("\"%s\" is named twice"), mem->vals[i].text);
                if (k < e->nmember_group && e->member_group[k] >= 0)
                        return fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL,
                                    _("\"%s\" is already in group \"%s\""), mem->vals[i].text,
                                    e->prop->group[e->member_group[k]].name);
                if ((size_t)n < sizeof idx / sizeof idx[0])
                        idx[n++] = k;
        }
        long long votes = votes_s ? atoll(votes_s) : n;
        struct elect_prop copy = *e->prop;
        struct pk_err err = {0};
        int g = elect_prop_group(&copy, name, votes, &err);
        if (g >= 0 && action_flag(a, "reserved") && elect_prop_reserve(&copy, g, &err) < 0)
                g = -1;
        if (g < 0)
                return fail(rep, PK_ERROR, NULL, R__COUNT, "%s", err.msg);
        *e->prop = copy;
        if (e->nmember_group < s->nmembers) {
                e->member_group = pk_xrealloc(e->member_group, (size_t)s->nmembers * sizeof(int));
                for (int j = e->nmember_group; j < s->nmembers; j++)
                        e->member_group[j] = -1;
                e->nmember_group = s->nmembers;
        }
        for (int j = 0; j < n; j++)
                e->member_group[idx[j]] = g;
        struct sb line = {0};
        sb_addf(&line, "group \"%s\":", name);
        for (int j = 0; j < n; j++)
                sb_addf(&line, "%s %s", j ? ";" : "", s->members[idx[j]].name);
        log_line(e, sb_str(&line));
        sb_free(&line);
        sb_addf(msg, _("group \"%s\": %lld"), name, votes);
        if (action_flag(a, "reserved"))
                sb_add(msg, _(" (with a seat held ex officio)"));
        return PK_OK;
}

static void describe_prop_text(struct election *e, struct sb *out);

/* Describes a proportional result into msg (translated) and the log (English). */
static void describe_prop(struct election *e, struct sb *msg)
{
        describe_prop_text(e, msg);
        struct sb line = {0};
        bool was = log_begin();
        describe_prop_text(e, &line);
        log_end(was);
        log_line(e, sb_str(&line));
        sb_free(&line);
}

static void describe_prop_text(struct election *e, struct sb *out)
{
        const struct elect_prop_result *r = e->res;
        struct sb line = {0};
        if (r->status == EP_LOT_NEEDED || r->status == EP_TIE) {
                const char *names[ELECT_MAX_GROUPS];
                for (int i = 0; i < r->ntied; i++)
                        names[i] = e->prop->group[r->tied[i]].name;
                int idx[ELECT_MAX_GROUPS];
                for (int i = 0; i < r->ntied; i++)
                        idx[i] = i;
                sb_add(&line,
                       r->status == EP_LOT_NEEDED ? _("lot needed between ") : _("tie between "));
                elect_format_names(names, idx, r->ntied, &line);
                if (r->status == EP_TIE)
                        sb_add(&line, _("; the rules provide no lot"));
        } else {
                sb_add(&line, _("seats: "));
                for (int g = 0; g < e->prop->ngroups; g++)
                        sb_addf(&line, "%s\"%s\" %d", g ? ", " : "", e->prop->group[g].name,
                                r->seats[g]);
                if (r->status == EP_UNFILLED)
                        sb_addf(&line, _("; %d seat(s) unfilled"), r->unfilled);
        }
        sb_add(out, sb_str(&line));
        sb_free(&line);
}

static enum pk_result allocate(struct election *e, struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        struct pk_err err = {0};
        struct elect_prop_result *r = pk_xcalloc(1, sizeof *r);
        if (elect_prop_allocate(e->prop, r, &err) < 0) {
                free(r);
                return fail(rep, PK_DENIED, NULL, R__COUNT, "%s", err.msg);
        }
        free(e->res);
        e->res = r;
        e->allocated = r->status == EP_DONE || r->status == EP_UNFILLED;
        e->done = e->allocated;
        describe_prop(e, msg);
        return PK_OK;
}

static enum pk_result h_round(struct pk_state *s, struct meeting *m, struct election *e,
                              const struct action *a, struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        int votes[ELECT_MAX_CANDIDATES] = {0};
        int blank = 0;
        for (int i = 0; i < a->nopts; i++) {
                const struct opt *o = &a->opts[i];
                int v = atoi(o->vals[0].text);
                if (!o->key_quoted) {
                        blank = v;
                        continue;
                }
                int c = elect_majority_find(e->maj, o->key);
                if (c < 0)
                        return fail(rep, PK_ERROR, NULL, R__COUNT, _("\"%s\" is not a candidate"),
                                    o->key);
                votes[c] = v;
        }
        int present = engine_present(s, m);
        struct elect_majority copy = *e->maj;
        struct elect_outcome out;
        struct pk_err err = {0};
        if (elect_majority_round(&copy, votes, blank, present, &out, &err) < 0)
                return fail(rep, PK_DENIED, NULL, R__COUNT, "%s", err.msg);
        *e->maj = copy;
        e->out = out;
        e->done = out.state == ES_ELECTED;
        struct sb line = {0};
        bool was = log_begin();
        sb_addf(&line, _("round %d: "), out.round);
        for (int c = 0; c < e->maj->ncand; c++)
                sb_addf(&line, "\"%s\" %d, ", e->maj->cand[c], votes[c]);
        sb_addf(&line, _("blank %d: "), blank);
        elect_outcome_format(e->maj, &out, &line);
        log_end(was);
        log_line(e, sb_str(&line));
        sb_free(&line);
        elect_outcome_format(e->maj, &out, msg);
        return PK_OK;
}

static enum pk_result h_lot(struct election *e, const struct action *a, struct pk_reply *rep)
{
        struct sb *msg = &rep->msg;
        const struct opt *o = action_optv(a, "order");
        if (!o)
                return fail(
                    rep, PK_ERROR, NULL, R__COUNT,
                    _("the lot's result is missing: order=\"A\",\"B\" (drawn when recording)"));
        struct elect_lot lot = {0};
        struct pk_err err = {0};
        for (int i = 0; i < o->nvals && i < ELECT_MAX_GROUPS; i++) {
                int k = e->proportional ? elect_prop_find(e->prop, o->vals[i].text)
                                        : elect_majority_find(e->maj, o->vals[i].text);
                if (k < 0)
                        return fail(rep, PK_ERROR, NULL, R__COUNT, _("\"%s\" is not in the lot"),
                                    o->vals[i].text);
                lot.order[lot.n++] = k;
        }
        struct sb line = {0}, shown = {0};
        bool was = log_begin();
        sb_add(&line, _("lot drawn: "));
        log_end(was);
        sb_add(&shown, _("lot drawn: "));
        for (int i = 0; i < o->nvals; i++) {
                sb_addf(&line, "%s\"%s\"", i ? ", " : "", o->vals[i].text);
                sb_addf(&shown, "%s\"%s\"", i ? ", " : "", o->vals[i].text);
        }
        if (e->proportional) {
                struct elect_prop copy = *e->prop;
                if (elect_prop_lot(&copy, e->res, &lot, &err) < 0) {
                        sb_free(&line);
                        sb_free(&shown);
                        return fail(rep, PK_ERROR, NULL, R__COUNT, "%s", err.msg);
                }
                *e->prop = copy;
                log_line(e, sb_str(&line));
                sb_addf(msg, "%s; ", sb_str(&shown));
                sb_free(&line);
                sb_free(&shown);
                return allocate(e, rep);
        }
        struct elect_majority copy = *e->maj;
        struct elect_outcome out;
        if (elect_majority_lot(&copy, &lot, &out, &err) < 0) {
                sb_free(&line);
                sb_free(&shown);
                return fail(rep, PK_ERROR, NULL, R__COUNT, "%s", err.msg);
        }
        *e->maj = copy;
        e->out = out;
        e->done = out.state == ES_ELECTED;
        sb_add(&line, "; ");
        was = log_begin();
        elect_outcome_format(e->maj, &out, &line);
        log_end(was);
        log_line(e, sb_str(&line));
        sb_add(&shown, "; ");
        elect_outcome_format(e->maj, &out, &shown);
        sb_add(msg, sb_str(&shown));
        sb_free(&line);
        sb_free(&shown);
        return PK_OK;
}

/*
 * Verbs: election, candidate, group, round, allocate, waive, lot (its check: chk_election).
 * Rules: R_ELECTION_LOT, R_ELECTION_PROPORTIONAL, R_ELECTION_PROPOSAL, R_LATE_AGENDA,
 *        R_QUORUM_PERCENT.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_election_verb(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct action *a = c->a;
        struct pk_reply *rep = c->reply;
        struct sb *msg = c->msg;
        struct meeting *m = eng_meeting(s);
        const struct profile *p = eng_profile(s, m);
        if (a->verb == V_ELECTION)
                return h_election(s, m, p, a, rep);
        struct election *e = eng_election(m);
        switch (a->verb) {
        case V_CANDIDATE:
                return h_candidate(s, m, e, p, a, rep);
        case V_GROUP:
                return h_group(s, m, e, p, a, rep);
        case V_ROUND: {
                int present = engine_present(s, m), need = engine_quorum_need(s, m);
                if (present < need)
                        return fail(rep, PK_DENIED, p, R_QUORUM_PERCENT,
                                    _("not quorate: %d present, %d needed"), present, need);
                return h_round(s, m, e, a, rep);
        }
        case V_ALLOCATE: {
                int present = engine_present(s, m), need = engine_quorum_need(s, m);
                if (present < need)
                        return fail(rep, PK_DENIED, p, R_QUORUM_PERCENT,
                                    _("not quorate: %d present, %d needed"), present, need);
                if (e->prop->ngroups == 0)
                        return fail(rep, PK_DENIED, NULL, R__COUNT,
                                    _("no group has been declared"));
                if (eng_alliances_apply(p) && m->nalliances > 0 && !e->alliances_applied) {
                        /* kept to restore if the allocation is refused: nothing changes then */
                        struct elect_prop *was = pk_xcalloc(1, sizeof *was);
                        *was = *e->prop;
                        int *mg = e->nmember_group
                                      ? pk_xcalloc((size_t)e->nmember_group, sizeof *mg)
                                      : NULL;
                        if (mg)
                                memcpy(mg, e->member_group, (size_t)e->nmember_group * sizeof *mg);
                        int nlog = e->nlog;
                        enum pk_result r = apply_alliances(m, e, p, rep);
                        if (r == PK_OK)
                                r = allocate(e, rep);
                        if (r != PK_OK) {
                                *e->prop = *was;
                                if (mg)
                                        memcpy(e->member_group, mg,
                                               (size_t)e->nmember_group * sizeof *mg);
                                while (e->nlog > nlog)
                                        free(e->log[--e->nlog]);
                                e->alliances_applied = false;
                        }
                        free(was);
                        free(mg);
                        return r;
                }
                return allocate(e, rep);
        }
        case V_WAIVE: {
                int g = elect_prop_find(e->prop, a->pos[0].text);
                if (g < 0)
                        return fail(rep, PK_ERROR, NULL, R__COUNT, _("there is no group \"%s\""),
                                    a->pos[0].text);
                struct elect_prop copy = *e->prop;
                struct pk_err err = {0};
                if (elect_prop_waive(&copy, e->res, g, &err) < 0)
                        return fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL, "%s", err.msg);
                *e->prop = copy;
                struct sb line = {0};
                bool was = log_begin();
                sb_addf(&line, _("\"%s\" gives up a seat"), a->pos[0].text);
                log_end(was);
                log_line(e, sb_str(&line));
                sb_addf(msg, _("\"%s\" gives up a seat"), a->pos[0].text);
                sb_add(msg, "; ");
                sb_free(&line);
                return allocate(e, rep);
        }
        case V_LOT:
                return h_lot(e, a, rep);
        default:
                break;
        }
        sb_add(msg, _("not an election action"));
        return PK_ERROR;
}

void eng_election_free(struct election *e)
{
        free(e->title);
        free(e->maj);
        free(e->prop);
        free(e->res);
        free(e->member_group);
        for (int i = 0; i < e->nlog; i++)
                free(e->log[i]);
        free(e->log);
}

/* The election under the current item with the leader's proposal to elect without a written
 * ballot pending (R_ELECTION_PROPOSAL): no ballot demanded yet, not decided. */
static struct election *proposal_pending(const struct meeting *m)
{
        struct election *e = m && m->current >= 0 ? eng_election((struct meeting *)m) : NULL;
        return e && !e->done && !e->proportional && e->proposed >= 0 && e->demanded_by < 0 ? e
                                                                                           : NULL;
}

/* Verb: demand. Where the leader proposed a candidate for election without a written ballot,
 * a member's demand sends the election to its rounds (R_ELECTION_PROPOSAL); otherwise it is
 * the demand for a vote on a declared outcome (rules/voting.c). */
bool chk_demand_election(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                         const struct action *a, struct why *why)
{
        return proposal_pending(m) ? true : chk_demand(s, m, p, a, why);
}

/* Verb: decide. With the proposal pending and no ballot demanded, the proposed candidate is
 * elected; otherwise a declared outcome is decided (rules/voting.c). */
bool chk_decide_election(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                         const struct action *a, struct why *why)
{
        if (!proposal_pending(m))
                return chk_decide(s, m, p, a, why);
        if (m->dispatch_late && !m->items[m->current].urgent &&
            !strcmp(p->rules[R_LATE_AGENDA].sval, "reason-required")) {
                eng_why(why, p, R_LATE_AGENDA,
                        _("the agenda was dispatched late: record why this item cannot wait "
                          "(urgent \"REASON\") before it is decided"));
                return false;
        }
        return eng_quorate(s, m, why);
}

/*
 * Verb: demand (its check: chk_demand_election).
 * Rules: R_DISQUALIFICATION, R_ELECTION_PROPOSAL.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_demand_election(struct ctx *c)
{
        struct election *e = proposal_pending(c->m);
        if (!e)
                return h_demand(c);
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!eng_seated(c->s, m, k))
                return eng_deny(c, NO_RULE, _("\"%s\" is not present"), eng_pos(c, 0));
        if (eng_inhabil(m, m->current, k))
                return eng_deny(c, R_DISQUALIFICATION, _("\"%s\" is disqualified for this item"),
                                eng_pos(c, 0));
        e->demanded_by = k;
        bool was = log_begin();
        struct sb line = {0};
        sb_addf(&line, _("%s demands a written ballot; the ballot is written and not secret"),
                c->s->members[k].name);
        log_end(was);
        log_line(e, sb_str(&line));
        sb_free(&line);
        sb_addf(c->msg,
                _("\"%s\" demands a written ballot: the election goes to round 1; the ballot is "
                  "written and not secret (%s)"),
                eng_pos(c, 0), c->p->rules[R_ELECTION_PROPOSAL].cite);
        return PK_OK;
}

/*
 * Verb: decide (its check: chk_decide_election).
 * Rules: R_ELECTION_PROPOSAL, R_LATE_AGENDA.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_decide_election(struct ctx *c)
{
        struct election *e = proposal_pending(c->m);
        if (!e)
                return h_decide(c);
        e->out.state = ES_ELECTED;
        e->out.elected = e->proposed;
        e->done = true;
        const char *name = e->maj->cand[e->proposed];
        bool was = log_begin();
        struct sb line = {0};
        sb_addf(&line, _("elected without a written ballot: \"%s\"; no member demanded one"), name);
        log_end(was);
        log_line(e, sb_str(&line));
        sb_free(&line);
        sb_addf(c->msg, _("elected without a written ballot: \"%s\"; no member demanded one (%s)"),
                name, c->p->rules[R_ELECTION_PROPOSAL].cite);
        return PK_OK;
}

/* ---- electoral alliances at the allocation (the verb: rules/alliances.c) ------------- */

/*
 * Where the chair's election counts electoral alliances (R_ELECTION_PROPORTIONAL
 * "dhondt-alliances"), the groups declared by party become, at the first allocation, the
 * alliances' groups (their parties' votes summed) and the parties outside any alliance.
 * Every party of an alliance must have been declared as a group.
 */
static enum pk_result apply_alliances(struct meeting *m, struct election *e,
                                      const struct profile *p, struct pk_reply *rep)
{
        int ng = e->prop->ngroups;
        struct elect_group *parties = pk_xcalloc((size_t)ng, sizeof *parties);
        for (int g = 0; g < ng; g++)
                parties[g] = e->prop->group[g];
        struct elect_alliance *al = pk_xcalloc((size_t)m->nalliances, sizeof *al);
        enum pk_result r = PK_OK;
        for (int a = 0; a < m->nalliances && r == PK_OK; a++) {
                snprintf(al[a].name, sizeof al[a].name, "%s", m->alliances[a].name);
                cal_parse(m->alliances[a].reported, &al[a].reported);
                for (int j = 0; j < m->alliances[a].nparties; j++) {
                        int g = elect_prop_find(e->prop, m->alliances[a].parties[j]);
                        if (g < 0) {
                                r = fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL,
                                         _("party %s of the alliance \"%s\" has not been "
                                           "declared as a group with its votes"),
                                         m->alliances[a].parties[j], m->alliances[a].name);
                                break;
                        }
                        al[a].party[al[a].nparties++] = g;
                }
        }
        struct elect_prop *np = NULL;
        if (r == PK_OK) {
                np = pk_xcalloc(1, sizeof *np);
                elect_prop_init(np, e->prop->seats);
                np->lot_allowed = e->prop->lot_allowed;
                np->rank_all_ties = e->prop->rank_all_ties;
                bool valid[ELECT_MAX_GROUPS];
                int group_of[ELECT_MAX_GROUPS];
                struct pk_err err = {0};
                if (elect_alliance_groups(parties, ng, al, m->nalliances, (pk_day)2147483647, np,
                                          valid, group_of, &err) < 0) {
                        r = fail(rep, PK_DENIED, p, R_ELECTION_PROPORTIONAL, "%s", err.msg);
                } else {
                        for (int k = 0; k < e->nmember_group; k++)
                                if (e->member_group[k] >= 0)
                                        e->member_group[k] = group_of[e->member_group[k]];
                        *e->prop = *np;
                        e->alliances_applied = true;
                        bool was = log_begin();
                        for (int a = 0; a < m->nalliances; a++) {
                                struct sb line = {0};
                                sb_addf(&line, _("electoral alliance \"%s\" ("),
                                        m->alliances[a].name);
                                for (int j = 0; j < al[a].nparties; j++)
                                        sb_addf(&line, "%s%s", j ? ", " : "",
                                                parties[al[a].party[j]].name);
                                int g = elect_prop_find(e->prop, m->alliances[a].name);
                                sb_addf(&line, _(") counts as one group: %lld votes"),
                                        g >= 0 ? e->prop->group[g].votes : 0LL);
                                log_line(e, sb_str(&line));
                                sb_free(&line);
                        }
                        log_end(was);
                        sb_addf(&rep->msg, _("the electoral alliances count as groups (%s); "),
                                p->rules[R_ELECTION_PROPORTIONAL].cite);
                }
        }
        free(np);
        free(parties);
        free(al);
        return r;
}
