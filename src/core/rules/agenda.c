/*
 * rules/agenda.c - the agenda and its items: `meeting`/`plan`, `item` (deadlines for member
 * proposals, closed categories, two readings), `dispatched` and `urgent` (the agenda's
 * deadline, a late agenda), `take`, `move` and `order-vote` (the order of items), and the end of
 * an item (`postpone`, `refer`, `withdraw`, `done`).
 *
 * Rules: R_PROPOSAL_DEADLINE, R_AGENDA_DEADLINE, R_LATE_AGENDA, R_CLOSED_MANDATORY,
 * R_CLOSED_DEFAULT, R_TWO_READINGS, R_READING_INTERVAL_HOURS, R_READING_BUDGET_DAYS,
 * R_READING_BYLAWS_DAYS, R_ORDER_DEMAND, R_CLOSED_LAST.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: meeting. A new meeting of the body while the current one runs is refused. */
bool chk_meeting(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        (void)p, (void)a;
        if (m && m->body == s->cur_body && (m->state == MS_OPEN || m->state == MS_SUSPENDED)) {
                why_add(why, "%s", _("the current meeting is still open: close it first"));
                return false;
        }
        return true;
}

static bool no_item_running(const struct meeting *m, struct why *why)
{
        if (m->current >= 0) {
                why_add(why,
                        _("item %d is still under treatment: end it with done, postpone, refer or "
                          "withdraw"),
                        m->items[m->current].number);
                return false;
        }
        return true;
}

/* Verb: take. Rules: R_ORDER_DEMAND (a demanded vote on the order is taken first). */
bool chk_take(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)a;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN) {
                        eng_why(why, p, R_ORDER_DEMAND,
                                _("the vote on the order of items (%s) is taken first"),
                                m->subjects[i].id);
                        return false;
                }
        return no_item_running(m, why);
}

/* Verb: close (lifecycle.c) shares the item check. */
bool eng_no_item_running(const struct meeting *m, struct why *why)
{
        return no_item_running(m, why);
}

/* Verb: move. */
bool chk_move(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->nitems < 2) {
                why_add(why, "%s", _("there is nothing to reorder"));
                return false;
        }
        return true;
}

/* Verb: order-vote. Rules: R_ORDER_DEMAND (where the chair alone orders the items, none). */
bool chk_order_vote(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                    const struct action *a, struct why *why)
{
        (void)s, (void)m, (void)a;
        if (profile_int(p, R_ORDER_DEMAND) == 0) {
                eng_why(why, p, R_ORDER_DEMAND, _("the chair decides the order of items"));
                return false;
        }
        return true;
}

/*
 * meeting ... by="A","B",...: an extraordinary meeting convened at the demand of members.
 * Rules: R_MEETING_DEMAND (the share of the members who may demand it: 1 in N of the seats,
 * rounded up; 0: the rules give the members no such right). Writes the members into *by.
 */
static enum pk_result demanders(struct ctx *c, enum meeting_kind k, int **by, int *nby)
{
        const struct opt *o = action_optv(c->a, "by");
        if (!o)
                return PK_OK;
        const struct pk_state *s = c->s;
        const struct profile *p = &s->bodies[s->cur_body].profile;
        c->p = p;
        if (k != MK_EXTRAORDINARY)
                return eng_err(c, "%s",
                               _("by= names the members who demanded an extraordinary meeting: "
                                 "give kind=extraordinary"));
        int denom = profile_int(p, R_MEETING_DEMAND);
        if (denom == 0)
                return eng_deny(c, R_MEETING_DEMAND,
                                _("this body's rules give the members no right to demand a "
                                  "meeting"));
        int *v = pk_xmalloc((size_t)(o->nvals + 1) * sizeof(int));
        int n = 0;
        for (int i = 0; i < o->nvals; i++) {
                const char *name = o->vals[i].text;
                int mk = o->vals[i].quoted ? eng_find_member(s, s->cur_body, name) : -1;
                if (!o->vals[i].quoted) {
                        free(v);
                        return eng_err(c, _("by: \"%s\" is not a name (\"NAME\")"), name);
                }
                if (mk < 0 || !eng_holds_seat(&s->members[mk])) {
                        free(v);
                        if (mk >= 0)
                                return eng_err(c, _("by: \"%s\" is not a member"), name);
                        eng_no_member(s, s->cur_body, name, c->msg);
                        return PK_ERROR;
                }
                if (eng_in_list(v, n, mk)) {
                        free(v);
                        return eng_err(c, _("\"%s\" is named twice"), name);
                }
                v[n++] = mk;
        }
        int seats = engine_body_seats(s, s->cur_body);
        int need = (seats + denom - 1) / denom;
        if (n < need) {
                free(v);
                return eng_deny(c, R_MEETING_DEMAND,
                                _("%d of %d members demanded the meeting; at least %d (1 in %d) "
                                  "are needed"),
                                n, seats, need, denom);
        }
        *by = v;
        *nby = n;
        return PK_OK;
}

enum pk_result h_meeting(struct ctx *c)
{
        struct pk_state *s = c->s;
        pk_day d;
        if (!cal_parse(eng_pos(c, 0), &d))
                return eng_err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), eng_pos(c, 0));
        const char *t = eng_pos(c, 1);
        int hh = (t[0] - '0') * 10 + (t[1] - '0'), mm = (t[3] - '0') * 10 + (t[4] - '0');
        bool plan = c->a->verb == V_PLAN;
        for (int i = 0; i < s->nmeetings; i++) {
                const struct meeting *o = &s->meetings[i];
                if (o->hole || o->body != s->cur_body || o->date != d || o->minute != hh * 60 + mm)
                        continue;
                if (plan || o->state != MS_PLANNED)
                        return eng_deny(c, NO_RULE, _("meeting %d is already on %s %s"), i + 1,
                                        eng_pos(c, 0), t);
                if (action_opt(c->a, "kind") || action_opt(c->a, "place") ||
                    action_opt(c->a, "by") || action_flag(c->a, "virtual"))
                        return eng_err(
                            c, _("meeting %d is planned on %s %s: select it without options"),
                            i + 1, eng_pos(c, 0), t);
                s->cur_meeting = i;
                s->event_meeting = i + 1;
                sb_addf(c->msg, _("meeting %d on %s %s selected (%s)"), i + 1, eng_pos(c, 0), t,
                        s->bodies[s->cur_body].name);
                return PK_OK;
        }
        const char *kind = action_opt(c->a, "kind");
        enum meeting_kind k = MK_ORDINARY;
        if (kind && !strcmp(kind, "extraordinary"))
                k = MK_EXTRAORDINARY;
        else if (kind && !strcmp(kind, "constituent"))
                k = MK_CONSTITUENT;
        else if (kind && !strcmp(kind, "written"))
                k = MK_WRITTEN;
        else if (kind && strcmp(kind, "ordinary"))
                return eng_err(
                    c,
                    _("kind: \"%s\" is not one of ordinary, extraordinary, constituent, written"),
                    kind);
        /* R_WRITTEN_HEARING: a written hearing has its last day for answers */
        const char *deadline = action_opt(c->a, "deadline");
        pk_day dl = 0;
        if (deadline && k != MK_WRITTEN)
                return eng_err(c, "%s",
                               _("deadline= is the last day for answers in a written hearing: "
                                 "give kind=written"));
        if (k == MK_WRITTEN) {
                const struct profile *bp = &s->bodies[s->cur_body].profile;
                c->p = bp;
                if (!profile_int(bp, R_WRITTEN_HEARING))
                        return eng_deny(c, R_WRITTEN_HEARING,
                                        _("this body's rules decide in meetings: no written "
                                          "hearing"));
                if (!deadline)
                        return eng_err(c, "%s",
                                       _("a written hearing needs deadline=YYYY-MM-DD, the last "
                                         "day for answers"));
                if (!cal_parse(deadline, &dl) || dl < d)
                        return eng_err(c, _("deadline: %s is before the hearing is sent"),
                                       deadline);
        }
        int *by = NULL, nby = 0;
        enum pk_result r = demanders(c, k, &by, &nby);
        if (r != PK_OK)
                return r;
        /* an open keeps places for the meetings created before archived ones: the first
         * hole is this creation's place */
        int idx = s->nmeetings;
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].hole) {
                        idx = i;
                        break;
                }
        if (idx == s->nmeetings) {
                s->meetings =
                    pk_xrealloc(s->meetings, (size_t)(s->nmeetings + 1) * sizeof *s->meetings);
                s->nmeetings++;
        }
        struct meeting *m = &s->meetings[idx];
        memset(m, 0, sizeof *m);
        m->body = s->cur_body;
        m->date = d;
        m->minute = hh * 60 + mm;
        m->kind = k;
        m->virtual_ = action_flag(c->a, "virtual");
        m->place = eng_strdup0(action_opt(c->a, "place"));
        m->current = -1;
        m->last_item = -1;
        m->agenda_speaker = -1;
        m->open_ballot = -1;
        m->doors_closed = !profile_int(&s->bodies[s->cur_body].profile, R_MEETINGS_PUBLIC);
        m->demanded_by = by;
        m->ndemanded_by = nby;
        m->hearing_deadline = eng_strdup0(deadline);
        eng_t_meeting(s, idx);
        s->event_meeting = idx + 1;
        if (!plan)
                s->cur_meeting = idx;
        sb_addf(c->msg,
                plan ? _("meeting %d on %s %s planned (%s)")
                     : _("meeting %d on %s %s created (%s)"),
                idx + 1, eng_pos(c, 0), t, s->bodies[s->cur_body].name);
        if (nby)
                sb_addf(c->msg, _(", convened at the demand of %d of %d members (%s)"), nby,
                        engine_body_seats(s, s->cur_body), c->p->rules[R_MEETING_DEMAND].cite);
        if (k == MK_WRITTEN)
                sb_addf(c->msg, _(": a written hearing, answers by %s (%s)"), deadline,
                        c->p->rules[R_WRITTEN_HEARING].cite);
        return PK_OK;
}

/* The edit distance of a and b (short words: the category names of a profile). */
static int word_distance(const char *a, const char *b)
{
        size_t la = strlen(a), lb = strlen(b);
        if (la > 63)
                la = 63;
        if (lb > 63)
                lb = 63;
        int row[64];
        for (size_t j = 0; j <= lb; j++)
                row[j] = (int)j;
        for (size_t i = 1; i <= la; i++) {
                int diag = row[0];
                row[0] = (int)i;
                for (size_t j = 1; j <= lb; j++) {
                        int up = row[j];
                        int best = diag + (a[i - 1] != b[j - 1]);
                        if (up + 1 < best)
                                best = up + 1;
                        if (row[j - 1] + 1 < best)
                                best = row[j - 1] + 1;
                        row[j] = best;
                        diag = up;
                }
        }
        return row[lb];
}

/*
 * item category=C: the categories a profile knows are the words of its closed-doors lists
 * (R_CLOSED_MANDATORY, R_CLOSED_DEFAULT); any other is most likely mistyped, and a mistyped
 * category would lose the closed doors the rule demands. A line error that names the known
 * ones, the closest first. Where the profile names none (KKR, which meets behind closed doors
 * anyway), a category is a label only.
 */
static enum pk_result check_category(struct ctx *c, const char *cat)
{
        const enum rule_id lists[] = {R_CLOSED_MANDATORY, R_CLOSED_DEFAULT};
        char words[32][64];
        int n = 0;
        for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
                const char *w = c->p->rules[lists[l]].sval;
                while (*w && n < 32) {
                        size_t len = strcspn(w, ",");
                        if (len > 0 && len < sizeof words[0]) {
                                memcpy(words[n], w, len);
                                words[n][len] = '\0';
                                bool dup = false;
                                for (int i = 0; i < n; i++)
                                        dup = dup || !strcmp(words[i], words[n]);
                                if (!strcmp(words[n], cat))
                                        return PK_OK;
                                if (!dup)
                                        n++;
                        }
                        w += len;
                        if (*w == ',')
                                w++;
                }
        }
        if (n == 0) /* no category has a rule: the word is a label only */
                return PK_OK;
        int d[32], order[32];
        for (int i = 0; i < n; i++)
                d[i] = word_distance(cat, words[i]), order[i] = i;
        for (int i = 1; i < n; i++)
                for (int j = i; j > 0 && d[order[j]] < d[order[j - 1]]; j--) {
                        int t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                }
        sb_addf(c->msg, _("category: \"%s\" is not one of this profile's categories: "), cat);
        for (int i = 0; i < n; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", words[order[i]]);
        return PK_ERROR;
}

enum pk_result h_item(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        const char *title = eng_pos(c, 0);
        bool closed = action_flag(c->a, "closed"), open = action_flag(c->a, "open");
        const char *cat = action_opt(c->a, "category");
        const char *reading_s = action_opt(c->a, "reading");
        const char *kind_s = action_opt(c->a, "kind");
        const char *case_id = action_opt(c->a, "case");
        const char *proposer = action_opt(c->a, "proposer");
        const char *submitted = action_opt(c->a, "submitted");
        const char *first = action_opt(c->a, "first-reading");
        int reading = reading_s ? atoi(reading_s) : 0;
        enum item_kind kind = IK_ORDINARY;
        if (!title[0])
                return eng_err(c, _("an item needs a title"));
        if (closed && open)
                return eng_err(c, _("an item cannot be both closed and open"));
        if (kind_s && !strcmp(kind_s, "budget"))
                kind = IK_BUDGET;
        else if (kind_s && !strcmp(kind_s, "bylaws"))
                kind = IK_BYLAWS;
        else if (kind_s && strcmp(kind_s, "ordinary"))
                return eng_err(c, _("kind: \"%s\" is not one of ordinary, budget, bylaws"), kind_s);
        if (reading_s && reading != 1 && reading != 2)
                return eng_err(c, _("reading: \"%s\" is not 1 or 2"), reading_s);
        if ((proposer == NULL) != (submitted == NULL))
                return eng_err(c, _("a member's proposal needs both proposer=\"NAME\" and "
                                    "submitted=YYYY-MM-DD"));
        if (proposer && eng_find_member(c->s, m->body, proposer) < 0)
                return eng_no_member(c->s, m->body, proposer, c->msg), PK_ERROR;
        if (cat && check_category(c, cat) != PK_OK)
                return PK_ERROR;
        if (cat && profile_list_has(p, R_CLOSED_MANDATORY, cat)) {
                if (open)
                        return eng_deny(
                            c, R_CLOSED_MANDATORY,
                            _("items of category %s must be treated behind closed doors"), cat);
                closed = true;
        }
        if (cat && profile_list_has(p, R_CLOSED_DEFAULT, cat) && !open)
                closed = true;
        if (reading && !profile_int(p, R_TWO_READINGS))
                return eng_deny(c, R_TWO_READINGS, _("this body's rules have no two readings"));
        if (kind == IK_BUDGET && !reading && profile_int(p, R_TWO_READINGS))
                return eng_deny(c, R_TWO_READINGS, _("the budget is always given two readings"));
        if (kind == IK_BYLAWS && !reading && profile_int(p, R_READING_BYLAWS_DAYS))
                return eng_deny(c, R_READING_BYLAWS_DAYS,
                                _("the bylaws (styrelsesvedtægt) are always given two readings"));
        char first_buf[24] = "";
        if (reading == 2) {
                pk_day fd = 0;
                int fmin = 0;
                bool have = false;
                if (first) {
                        if (!cal_parse(first, &fd))
                                return eng_err(c, _("first-reading: \"%s\" is not a valid date"),
                                               first);
                        const char *ft = action_opt(c->a, "first-reading-time");
                        if (ft)
                                fmin = (ft[0] - '0') * 600 + (ft[1] - '0') * 60 +
                                       (ft[3] - '0') * 10 + (ft[4] - '0');
                        have = true;
                } else if (case_id) {
                        /* a 1st reading in this very meeting is 0 hours before the 2nd
                         * (Lolland § 6, stk. 1-2) */
                        for (int k = 0; k < m->nitems && !have; k++)
                                if (m->items[k].reading == 1 && m->items[k].case_id &&
                                    !strcmp(m->items[k].case_id, case_id)) {
                                        fd = m->date;
                                        fmin = m->minute;
                                        have = true;
                                }
                        if (!have)
                                have = eng_find_first_reading(c->s, m->body, case_id, &fd, &fmin);
                }
                if (have) {
                        long gap = (long)(m->date - fd) * 1440 + (m->minute - fmin);
                        int hours = profile_int(p, R_READING_INTERVAL_HOURS);
                        enum rule_id rid = R_READING_INTERVAL_HOURS;
                        long need = (long)hours * 60;
                        const char *what = _("24 hours");
                        char buf[64];
                        if (kind == IK_BUDGET && profile_int(p, R_READING_BUDGET_DAYS)) {
                                rid = R_READING_BUDGET_DAYS;
                                need = (long)profile_int(p, rid) * 1440;
                        } else if (kind == IK_BYLAWS && profile_int(p, R_READING_BYLAWS_DAYS)) {
                                rid = R_READING_BYLAWS_DAYS;
                                need = (long)profile_int(p, rid) * 1440;
                        }
                        if (rid == R_READING_INTERVAL_HOURS)
                                snprintf(buf, sizeof buf, _("%d hours"), hours);
                        else
                                snprintf(buf, sizeof buf, _("%d days"), profile_int(p, rid));
                        what = buf;
                        cal_format(fd, first_buf);
                        if (gap < 0)
                                return eng_deny(c, rid,
                                                _("the 1st reading (%s) is after this meeting"),
                                                first_buf);
                        if (need > 0 && gap < need)
                                return eng_deny(
                                    c, rid,
                                    _("the 2nd reading must be at least %s after the 1st "
                                      "reading (%s)"),
                                    what, first_buf);
                }
        }
        bool late = false;
        pk_day sub_day = 0, dl = 0;
        if (submitted) {
                if (!cal_parse(submitted, &sub_day))
                        return eng_err(c, _("submitted: \"%s\" is not a valid date"), submitted);
                /* the deadline for members' proposals is the ordinary meeting's (§ 3, stk. 1;
                 * KKR § 5, stk. 4) */
                if (m->kind != MK_EXTRAORDINARY &&
                    deadline_of_rule(p, R_PROPOSAL_DEADLINE, m->date, &dl) && sub_day > dl)
                        late = true;
        }
        m->items = pk_xrealloc(m->items, (size_t)(m->nitems + 1) * sizeof *m->items);
        struct item *it = &m->items[m->nitems];
        memset(it, 0, sizeof *it);
        it->number = m->nitems + 1;
        it->title = pk_xstrdup(title);
        it->closed = closed;
        it->public_title = eng_strdup0(action_opt(c->a, "public-title"));
        it->category = eng_strdup0(cat);
        it->reading = reading;
        it->case_id = eng_strdup0(case_id);
        it->kind = kind;
        it->proposer = eng_strdup0(proposer);
        it->submitted = eng_strdup0(submitted);
        it->late_proposal = late;
        it->first_reading = first_buf[0] ? pk_xstrdup(first_buf) : NULL;
        it->speaker = -1;
        m->order = pk_xrealloc(m->order, (size_t)(m->nitems + 1) * sizeof *m->order);
        m->agenda_order =
            pk_xrealloc(m->agenda_order, (size_t)(m->nitems + 1) * sizeof *m->agenda_order);
        m->order[m->nitems] = m->nitems;
        m->agenda_order[m->nitems] = m->nitems;
        m->nitems++;
        eng_t_item(c->s, MI(c), m->nitems - 1);
        sb_addf(c->msg, _("item %d \"%s\" added"), it->number, title);
        if (closed)
                sb_add(c->msg, _(" (closed)"));
        if (reading)
                sb_addf(c->msg, _(" (reading %d)"), reading);
        if (late) {
                char a[11], b[11];
                cal_format(sub_day, a);
                cal_format(dl, b);
                sb_addf(c->msg,
                        _("; proposal submitted %s, after the deadline %s: not entitled to "
                          "this meeting"),
                        a, b);
                const char *ct = p->rules[R_PROPOSAL_DEADLINE].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                int next = -1;
                for (int i = 0; i < c->s->nmeetings; i++) {
                        const struct meeting *o = &c->s->meetings[i];
                        pk_day odl;
                        if (o->hole || o->body != m->body || o->date <= m->date ||
                            o->kind != MK_ORDINARY ||
                            !deadline_of_rule(p, R_PROPOSAL_DEADLINE, o->date, &odl) ||
                            odl < sub_day)
                                continue;
                        if (next < 0 || o->date < c->s->meetings[next].date)
                                next = i;
                }
                if (next >= 0) {
                        char nd[11];
                        cal_format(c->s->meetings[next].date, nd);
                        sb_addf(c->msg, _("; entitled to meeting %d on %s"), next + 1, nd);
                } else {
                        sb_add(c->msg, _("; entitled to the next ordinary meeting"));
                }
        }
        return PK_OK;
}

enum pk_result h_dispatched(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        pk_day d, dl;
        if (!cal_parse(eng_pos(c, 0), &d))
                return eng_err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), eng_pos(c, 0));
        if (d > m->date)
                return eng_err(c, _("the agenda cannot be dispatched after the meeting (%s)"),
                               eng_pos(c, 0));
        bool late = false;
        char dls[11] = "";
        /* the dispatch deadline is the ordinary meeting's (seed 003 § 3, stk. 2-3 with the Local
         * Government Act § 8; Lolland § 3, stk. 2 and 4; KKR § 5, stk. 5): an extraordinary
         * meeting has none, as `deadlines` says */
        if (m->kind != MK_EXTRAORDINARY && deadline_of_rule(p, R_AGENDA_DEADLINE, m->date, &dl)) {
                cal_format(dl, dls);
                late = d > dl;
        }
        eng_set_str(&m->dispatched, eng_pos(c, 0));
        m->dispatch_late = late;
        eng_t_meeting(c->s, MI(c));
        if (!dls[0]) {
                sb_addf(c->msg, _("agenda dispatched %s"), eng_pos(c, 0));
                return PK_OK;
        }
        if (!late) {
                sb_addf(c->msg, _("agenda dispatched %s (deadline %s)"), eng_pos(c, 0), dls);
        } else {
                sb_addf(c->msg, _("agenda dispatched %s, after the deadline %s"), eng_pos(c, 0),
                        dls);
                const char *ct = p->rules[R_AGENDA_DEADLINE].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                const char *late_rule = p->rules[R_LATE_AGENDA].sval;
                const char *lc = p->rules[R_LATE_AGENDA].cite;
                if (!strcmp(late_rule, "reason-required"))
                        sb_addf(c->msg,
                                _("; an item may be decided only if the reason it cannot wait is "
                                  "recorded (%s)"),
                                lc);
                else if (!strcmp(late_rule, "special-cases"))
                        sb_addf(c->msg, _("; allowed in special cases (%s)"), lc);
        }
        pk_day md;
        if (deadline_of_rule(p, R_MATERIAL_DEADLINE, m->date, &md)) {
                char b[11];
                cal_format(md, b);
                sb_addf(c->msg, _("; material due %s"), b);
        }
        return PK_OK;
}

enum pk_result h_urgent(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        if (!c->m->dispatch_late)
                return eng_deny(c, R_LATE_AGENDA,
                                _("the agenda was not dispatched late: no reason is needed"));
        eng_set_str(&it->urgent, eng_pos(c, 0));
        eng_t_item(c->s, MI(c), c->m->current);
        sb_addf(c->msg, _("item %d: reason it cannot wait recorded"), it->number);
        return PK_OK;
}

/* Has the council voted on the order of items (§ 5, stk. 1)? Its order then binds the chair. */
static bool order_decided(const struct meeting *m)
{
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER &&
                    (m->subjects[i].status == SS_ADOPTED || m->subjects[i].status == SS_REJECTED))
                        return true;
        return false;
}

int engine_next_item(const struct pk_state *s, const struct meeting *m)
{
        if (!m)
                return -1;
        const struct body *b = engine_body_of(s, m);
        bool closed_last = b && profile_int(&b->profile, R_CLOSED_LAST) && !order_decided(m);
        int first = -1;
        for (int k = 0; k < m->nitems; k++) {
                int n = m->order ? m->order[k] : k;
                const struct item *it = &m->items[n];
                if (it->status != IS_PENDING || it->dropped)
                        continue;
                if (!closed_last || !it->closed)
                        return n;
                if (first < 0)
                        first = n;
        }
        return first;
}

enum pk_result h_take(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = eng_item_by_number(m, eng_pos(c, 0));
        if (i < 0)
                return eng_err(c, _("there is no item %s"), eng_pos(c, 0));
        struct item *it = &m->items[i];
        if (it->status != IS_PENDING)
                return eng_deny(c, NO_RULE, _("item %d is %s"), it->number,
                                engine_item_status_name(it->status));
        if (order_decided(m))
                for (int k = 0; k < m->nitems; k++) {
                        int n = m->order[k];
                        if (m->items[n].status != IS_PENDING)
                                continue;
                        if (n != i)
                                return eng_deny(c, R_ORDER_DEMAND,
                                                _("the council has decided the order of items: "
                                                  "item %d is next"),
                                                m->items[n].number);
                        break;
                }
        else if (profile_int(c->p, R_CLOSED_LAST) && it->closed)
                /* closed items come last unless the council has decided the order (§ 1, stk. 4
                 * with § 5, stk. 1): an open item still pending is taken first */
                for (int k = 0; k < m->nitems; k++) {
                        int n = m->order[k];
                        const struct item *o = &m->items[n];
                        if (o->status == IS_PENDING && !o->dropped && !o->closed)
                                return eng_deny(c, R_CLOSED_LAST,
                                                _("item %d is treated behind closed doors and "
                                                  "comes after the open items: item %d is still "
                                                  "pending (the council may decide otherwise "
                                                  "with a vote on the order of items)"),
                                                it->number, o->number);
                }
        m->current = i;
        it->status = IS_DEBATE;
        /* the floor on the agenda ends with the first item taken (R_AGENDA_FLOOR) */
        m->nagenda_speakers = 0;
        m->agenda_speaker = -1;
        eng_t_item(c->s, MI(c), i);
        bool was_closed = m->doors_closed;
        if (it->closed)
                m->doors_closed = true;
        else if (profile_int(c->p, R_MEETINGS_PUBLIC))
                m->doors_closed = false;
        if (it->reading == 1 && eng_find_subject(m, i, "R") < 0) {
                eng_add_subject(m, SK_READING, i, "R", N_("the case passes to the 2nd reading"),
                                NULL);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        sb_addf(c->msg, _("item %d \"%s\" under treatment"), it->number, it->title);
        if (it->reading)
                sb_addf(c->msg, _(" (reading %d)"), it->reading);
        if (it->closed && !was_closed)
                sb_add(c->msg, _(" (doors closed: closed item)"));
        else if (!m->doors_closed && was_closed)
                sb_add(c->msg, _(" (doors open)"));
        if (it->late_proposal)
                sb_add(c->msg, _("; note: the member's proposal was submitted after the deadline"));
        return PK_OK;
}

enum pk_result h_move(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = eng_item_by_number(m, eng_pos(c, 0));
        const char *to_s = action_opt(c->a, "to");
        if (i < 0)
                return eng_err(c, _("there is no item %s"), eng_pos(c, 0));
        if (order_decided(m))
                return eng_deny(c, R_ORDER_DEMAND, _("the council has decided the order of items"));
        if (!to_s)
                return eng_err(c, _("move needs to=K (the new place in the order)"));
        int to = atoi(to_s);
        if (to < 1 || to > m->nitems)
                return eng_err(c, _("to=%d is outside 1..%d"), to, m->nitems);
        int at = 0;
        for (int k = 0; k < m->nitems; k++)
                if (m->order[k] == i)
                        at = k;
        for (int k = at < to - 1 ? at : to - 1; k <= (at < to - 1 ? to - 1 : at); k++)
                eng_t_item(c->s, MI(c), m->order[k]);
        memmove(&m->order[at], &m->order[at + 1], (size_t)(m->nitems - at - 1) * sizeof(int));
        memmove(&m->order[to], &m->order[to - 1], (size_t)(m->nitems - to) * sizeof(int));
        m->order[to - 1] = i;
        if (m->state == MS_PLANNED)
                memcpy(m->agenda_order, m->order, (size_t)m->nitems * sizeof(int));
        sb_addf(c->msg, _("item %d moved to place %d; order: "), m->items[i].number, to);
        eng_order_text(m, m->order, c->msg);
        const char *ct = c->p->rules[R_ORDER_DEMAND].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

enum pk_result h_order_vote(struct ctx *c)
{
        struct meeting *m = c->m;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN)
                        return eng_deny(c, NO_RULE,
                                        _("a vote on the order (%s) is already pending"),
                                        m->subjects[i].id);
        int d = eng_demanders(c, R_ORDER_DEMAND, _("a vote on the order of items"));
        if (d < 0)
                return d == -2 ? PK_ERROR : PK_DENIED;
        char id[16];
        snprintf(id, sizeof id, "O%d", ++m->next_order);
        struct sb t = {0};
        sb_add(&t, N_("the order of items: "));
        eng_order_text(m, m->order, &t);
        struct subject *sj = eng_add_subject(m, SK_ORDER, -1, id, sb_str(&t), NULL);
        sj->order = pk_xmalloc((size_t)m->nitems * sizeof(int));
        memcpy(sj->order, m->order, (size_t)m->nitems * sizeof(int));
        sj->norder = m->nitems;
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: vote on %s"), id, sb_str(&t));
        sb_free(&t);
        return PK_OK;
}

/*
 * Verb: done. Rules: R_ELECTION_LOT. An item is decided only when its election is: while a
 * lot is due, the election has no result and the item cannot be declared decided.
 */
bool chk_done(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)a;
        if (m->kind == MK_WRITTEN) {
                int n = m->items[m->current].nanswers, need = engine_quorum_need(s, m);
                if (n < need) {
                        eng_why(why, p, R_QUORUM_PERCENT,
                                _("%d written answer(s), %d needed to decide in writing"), n, need);
                        return false;
                }
        }
        const struct election *e = eng_election((struct meeting *)m);
        if (e && !e->done && engine_lot_pending(s, NULL, 0) > 0) {
                eng_why(why, p, R_ELECTION_LOT,
                        _("the election \"%s\" awaits its lot: draw it before the item is "
                          "decided"),
                        e->title);
                return false;
        }
        return true;
}

/*
 * The result of a written hearing (R_WRITTEN_HEARING) when its item is done: adopted by more
 * answers for than against (R_MAJORITY: abstentions are not cast); a tie as in a meeting
 * (R_TIE: where the chair's vote decides, the chair's answer). Writes it to the reply.
 */
static void hearing_result(struct ctx *c, struct item *it)
{
        int n[4] = {0};
        for (int k = 0; k < it->nanswers; k++)
                n[it->answers[k].choice]++;
        bool adopted = n[VC_FOR] > n[VC_AGAINST];
        bool chair = false;
        if (n[VC_FOR] == n[VC_AGAINST] && !strcmp(c->p->rules[R_TIE].sval, "chair-decides")) {
                int lead = engine_meeting_leader(c->s, c->m);
                for (int k = 0; k < it->nanswers; k++)
                        if (it->answers[k].member == lead && it->answers[k].choice != VC_ABSTAIN) {
                                adopted = it->answers[k].choice == VC_FOR;
                                chair = true;
                        }
        }
        it->hearing_result = adopted ? 1 : 2;
        sb_addf(c->msg, _(" in writing: %s, %d for, %d against, %d abstaining (%s)"),
                adopted ? _("adopted") : _("not adopted"), n[VC_FOR], n[VC_AGAINST], n[VC_ABSTAIN],
                c->p->rules[R_WRITTEN_HEARING].cite);
        if (chair)
                sb_addf(c->msg, _("; a tie, decided by the chair's answer (%s)"),
                        c->p->rules[R_TIE].cite);
}

/* Verb: answer. Only in a written hearing (R_WRITTEN_HEARING). */
bool chk_answer(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m->kind != MK_WRITTEN) {
                eng_why(why, p, R_WRITTEN_HEARING,
                        _("answers are given in a written hearing (meeting kind=written); in a "
                          "meeting the members vote"));
                return false;
        }
        return true;
}

/*
 * Verb: answer "NAME" for|against|abstain [on=DATE]. A member's written answer on the item
 * under treatment in a written hearing, given on DATE (else the day it is recorded), by the
 * hearing's deadline; each member answers once. Answering is taking part: the member signs
 * where all who attended sign.
 */
enum pk_result h_answer(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        const char *w = eng_pos(c, 1);
        enum vote_choice v = !strcmp(w, "for")       ? VC_FOR
                             : !strcmp(w, "against") ? VC_AGAINST
                             : !strcmp(w, "abstain") ? VC_ABSTAIN
                                                     : VC_NONE;
        if (v == VC_NONE)
                return eng_err(c, _("answer: \"%s\" is not one of for, against, abstain"), w);
        char today[11];
        snprintf(today, sizeof today, "%.10s", c->in->time ? c->in->time : "");
        const char *on = action_opt(c->a, "on") ? action_opt(c->a, "on") : today;
        pk_day day, dl;
        if (!cal_parse(on, &day))
                return eng_err(c, _("on: \"%s\" is not a valid date (YYYY-MM-DD)"), on);
        if (day < m->date)
                return eng_err(c, _("on: %s is before the hearing was sent"), on);
        if (!eng_holds_seat(&c->s->members[k]))
                return eng_deny(c, R_WRITTEN_HEARING,
                                _("\"%s\" holds no seat: the hearing is among the members"),
                                eng_pos(c, 0));
        for (int i = 0; i < it->nanswers; i++)
                if (it->answers[i].member == k)
                        return eng_deny(c, NO_RULE, _("\"%s\" has already answered"),
                                        eng_pos(c, 0));
        if (m->hearing_deadline && cal_parse(m->hearing_deadline, &dl) && day > dl)
                return eng_deny(c, R_WRITTEN_HEARING,
                                _("the answers were due by %s; \"%s\" answered on %s"),
                                m->hearing_deadline, eng_pos(c, 0), on);
        it->answers = pk_xrealloc(it->answers, (size_t)(it->nanswers + 1) * sizeof *it->answers);
        it->answers[it->nanswers++] = (struct written_answer){k, v, pk_xstrdup(on)};
        struct attendance *at = eng_att(m, k);
        at->attended = true;
        eng_t_att(c->s, MI(c), k);
        eng_t_item(c->s, MI(c), m->current);
        sb_addf(c->msg, _("\"%s\" answers %s in writing on %s (%d answer(s))"), eng_pos(c, 0), w,
                on, it->nanswers);
        return PK_OK;
}

enum pk_result h_end_item(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        eng_t_item(c->s, MI(c), m->current);
        eng_t_outcome(c->s, MI(c), m->current);
        switch (c->a->verb) {
        case V_POSTPONE:
                it->status = IS_POSTPONED;
                break;
        case V_REFER:
                it->status = IS_REFERRED;
                eng_set_str(&it->referred_to, eng_pos(c, 0));
                break;
        case V_WITHDRAW:
                it->status = IS_WITHDRAWN;
                break;
        default:
                it->status = IS_DECIDED;
                break;
        }
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].item == m->current && m->subjects[i].status == SS_OPEN &&
                    c->a->verb != V_DONE) {
                        m->subjects[i].status = SS_LAPSED;
                        eng_t_subject(c->s, MI(c), i);
                }
        m->last_item = m->current;
        m->current = -1;
        it->speaker = -1;
        it->nspeakers = 0;
        sb_addf(c->msg, _("item %d %s"), it->number, engine_item_status_name(it->status));
        if (m->kind == MK_WRITTEN && c->a->verb == V_DONE)
                hearing_result(c, it);
        if (it->status == IS_REFERRED)
                sb_addf(c->msg, _(" to %s"), it->referred_to);
        eng_item_ended(c, it);
        return PK_OK;
}

/*
 * `correct item N title="…" public-title="…" category=C case=X` (the item half of `correct`,
 * rules/register.c) - a correction of an agenda item of the current meeting, kept in the record
 * beside the item as first put on the agenda; the full minutes note the title as it was. A
 * signed meeting's items are what its members signed and are not corrected; a category the
 * profile treats behind closed doors (R_CLOSED_MANDATORY) closes an open item only before its
 * treatment began.
 */
enum pk_result eng_correct_item(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct action *a = c->a;
        const char *num = eng_pos(c, 1);
        const char *title = action_opt(a, "title"), *pub = action_opt(a, "public-title");
        const char *cat = action_opt(a, "category"), *case_id = action_opt(a, "case");
        if (a->pos[1].quoted)
                return eng_err(c, _("correct item: \"%s\" is not an item number"), num);
        if (action_opt(a, "name") || action_opt(a, "party") || action_opt(a, "role"))
                return eng_err(
                    c, _("correct item takes title=, public-title=, category= and case= only"));
        if (!title && !pub && !cat && !case_id)
                return eng_err(c,
                               _("correct item needs title=, public-title=, category= or case="));
        if (s->cur_meeting < 0)
                return eng_err(c, _("no current meeting: create one with meeting DATE TIME"));
        int mi = s->cur_meeting;
        struct meeting *m = &s->meetings[mi];
        c->m = m;
        c->p = &s->bodies[m->body].profile;
        int ii = -1;
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == atoi(num))
                        ii = i;
        if (ii < 0)
                return eng_err(c, _("no item %s in this meeting"), num);
        struct item *it = &m->items[ii];
        if (m->state == MS_LOCKED)
                return eng_deny(c, NO_RULE,
                                _("the minutes are signed: item %d is as its members signed it"),
                                it->number);
        bool close_it = false;
        if (cat && profile_list_has(c->p, R_CLOSED_MANDATORY, cat) && !it->closed) {
                if (it->status != IS_PENDING)
                        return eng_deny(c, R_CLOSED_MANDATORY,
                                        _("items of category %s must be treated behind closed "
                                          "doors, and item %d was treated in the open"),
                                        cat, it->number);
                close_it = true;
        }
        if (title) {
                if (!it->title_was && strcmp(title, it->title) != 0)
                        it->title_was = pk_xstrdup(it->title);
                else if (it->title_was && !strcmp(it->title_was, title)) {
                        free(it->title_was);
                        it->title_was = NULL;
                }
                free(it->title);
                it->title = pk_xstrdup(title);
        }
        if (pub) {
                free(it->public_title);
                it->public_title = pk_xstrdup(pub);
        }
        if (cat) {
                free(it->category);
                it->category = pk_xstrdup(cat);
        }
        if (case_id) {
                free(it->case_id);
                it->case_id = pk_xstrdup(case_id);
        }
        if (close_it)
                it->closed = true;
        eng_t_item(s, mi, ii);
        sb_addf(c->msg, _("item %d corrected: \"%s\""), it->number, it->title);
        if (close_it)
                sb_addf(c->msg, _(" (closed: category %s)"), cat);
        return PK_OK;
}

/*
 * `drop N` - item N is withdrawn from the agenda before it is taken up ("udgår"): it keeps its
 * number and its place in the minutes, which say that it was withdrawn; the full minutes add
 * that this came after the agenda was sent, when it did. An item under treatment or treated
 * is withdrawn with `withdraw`, not here.
 */
enum pk_result h_drop(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = eng_item_by_number(m, eng_pos(c, 0));
        if (i < 0)
                return eng_err(c, _("there is no item %s"), eng_pos(c, 0));
        struct item *it = &m->items[i];
        if (it->status != IS_PENDING)
                return eng_deny(c, NO_RULE, _("item %d is %s"), it->number,
                                engine_item_status_name(it->status));
        it->status = IS_WITHDRAWN;
        it->dropped = true;
        it->dropped_late = m->dispatched != NULL;
        eng_t_item(c->s, MI(c), i);
        eng_t_outcome(c->s, MI(c), i);
        sb_addf(c->msg, _("item %d \"%s\" withdrawn from the agenda (udgår)"), it->number,
                it->title);
        if (it->dropped_late)
                sb_add(c->msg, _(", after the agenda was sent"));
        return PK_OK;
}
