/*
 * minutes.c - the beslutningsprotokol of a meeting as Markdown, plain text, HTML or PDF.
 *
 * The minutes are built once as a list of blocks (minutes_int.h) and then written in the
 * format asked for, so every format carries the same content. The text is in the language the
 * translation speaks when it is rendered (the caller switches it to the body's language).
 *
 * The public version is built by leaving things out, never by hiding them afterwards: for an
 * item treated behind closed doors it writes only the item's number, its public title (or
 * "Closed item") and the public wording of its decision. Names, amounts, debate, votes,
 * disqualifications and dissent of such items are never read, so they cannot leak. Neither
 * version shows the meeting script's syntax or the internal ids of proposals (M, A1, P1).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minutes_int.h"
#include "protokol/i18n.h"
#include "protokol/minutes.h"
#include "protokol/script.h"

/* ---- blocks ------------------------------------------------------------------------- */

static struct block *block_add(struct blocks *bl, enum block_kind k)
{
        if (bl->n == bl->cap) {
                bl->cap = bl->cap ? bl->cap * 2 : 64;
                bl->b = pk_xrealloc(bl->b, (size_t)bl->cap * sizeof *bl->b);
        }
        struct block *b = &bl->b[bl->n++];
        memset(b, 0, sizeof *b);
        b->kind = k;
        return b;
}

static void add_text(struct blocks *bl, enum block_kind k, const char *s)
{
        block_add(bl, k)->text = pk_xstrdup(s);
}

static void add_labelled(struct blocks *bl, const char *label, const char *s)
{
        struct block *b = block_add(bl, BK_LP);
        b->label = pk_xstrdup(label);
        b->text = pk_xstrdup(s);
}

static void add_row(struct blocks *bl, enum block_kind k, const char *a, const char *b,
                    const char *c)
{
        struct block *r = block_add(bl, k);
        const char *v[] = {a, b, c};
        for (int i = 0; i < 3; i++)
                r->cells[i] = pk_xstrdup(v[i] ? v[i] : "");
        r->ncells = 3;
}

void blocks_free(struct blocks *bl)
{
        for (int i = 0; i < bl->n; i++) {
                free(bl->b[i].label);
                free(bl->b[i].text);
                for (int c = 0; c < bl->b[i].ncells; c++)
                        free(bl->b[i].cells[c]);
        }
        free(bl->b);
        free(bl->title);
        free(bl->lang);
        free(bl->page_fmt);
        memset(bl, 0, sizeof *bl);
}

/* ---- words -------------------------------------------------------------------------- */

static const char *const weekdays[] = {N_("Monday"),   N_("Tuesday"), N_("Wednesday"),
                                       N_("Thursday"), N_("Friday"),  N_("Saturday"),
                                       N_("Sunday")};
static const char *const months[] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

/* "Thursday 25 February 2027" / "torsdag den 25. februar 2027" */
static void long_date(struct sb *o, pk_day d)
{
        int y, mo, dd;
        cal_to_ymd(d, &y, &mo, &dd);
        /* TRANSLATORS: weekday, day of the month, month, year: "Thursday 25 February 2027" */
        sb_addf(o, _("%s %d %s %d"), _(weekdays[cal_weekday(d) - 1]), dd, _(months[mo - 1]), y);
}

/* The clock time of an ISO time "YYYY-MM-DDTHH:MM:SS" as the language writes it ("16.02"). */
static void clock_time(struct sb *o, const char *iso)
{
        int h = 0, mi = 0;
        if (iso && strlen(iso) >= 16)
                sscanf(iso + 11, "%2d:%2d", &h, &mi);
        else if (iso && strlen(iso) == 5) /* "HH:MM", as attendance keeps it */
                sscanf(iso, "%2d:%2d", &h, &mi);
        /* TRANSLATORS: hours and minutes of a clock time ("16:02"; Danish writes "16.02") */
        sb_addf(o, _("%02d:%02d"), h, mi);
}

/* "at 16:02" / "kl. 16.02" */
static void at_time(struct sb *o, const char *iso)
{
        struct sb t = {0};
        clock_time(&t, iso);
        sb_addf(o, _("at %s"), sb_str(&t));
        sb_free(&t);
}

/* The date and time of an ISO time: "Thursday 25 February 2027 at 18:15". */
static void date_time(struct sb *o, const char *iso)
{
        pk_day d;
        char ymd[11] = "";
        if (iso)
                pk_strlcpy(ymd, iso, sizeof ymd);
        if (cal_parse(ymd, &d)) {
                long_date(o, d);
                sb_add(o, " ");
        }
        at_time(o, iso);
}

static void long_date_str(struct sb *o, const char *ymd)
{
        pk_day d;
        if (ymd && cal_parse(ymd, &d))
                long_date(o, d);
        else if (ymd)
                sb_add(o, ymd);
}

/* ---- what the record says about the meeting's course -------------------------------- */

/* One recorded action of the meeting, parsed, with the item under treatment when it came. */
struct course {
        const char *at;
        struct action act;
        int item; /* item index under treatment, or -1 */
        bool doors_closed;
};

struct ctx {
        const struct pk_state *s;
        const struct meeting *m;
        const struct minutes_opts *o;
        struct blocks *bl;
        bool public_;
        struct course *ev;
        int nev;
        int *start, *end; /* per item index: the event its treatment began and ended with, or -1 */
};

static int item_by_number(const struct meeting *m, const char *num)
{
        int n = atoi(num);
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == n)
                        return i;
        return -1;
}

/*
 * Whether something that happened at the meeting level (a vote on the order of the items, a
 * ruling, a denial of the floor) is public: not when it came while a closed item was under
 * treatment (room) or the doors were closed. The one place the public minutes decide this for
 * meeting-level events.
 */
static bool meeting_event_public(const struct meeting *m, int room, bool doors_closed)
{
        if (doors_closed)
                return false;
        return !(room >= 0 && room < m->nitems && m->items[room].closed);
}

/* Parses the meeting's recorded actions and finds when each item was under treatment. */
static void course_load(struct ctx *c)
{
        const struct minutes_opts *o = c->o;
        const struct meeting *m = c->m;
        c->ev = pk_xcalloc((size_t)o->nevents + 1, sizeof *c->ev);
        c->start = pk_xcalloc((size_t)m->nitems + 1, sizeof *c->start);
        c->end = pk_xcalloc((size_t)m->nitems + 1, sizeof *c->end);
        for (int i = 0; i < m->nitems; i++)
                c->start[i] = c->end[i] = -1;
        int cur = -1;
        bool doors = false;
        for (int i = 0; i < o->nevents; i++) {
                struct pk_err err = {0};
                struct course *e = &c->ev[c->nev];
                const char *line = o->events[i].line;
                if (script_parse_line(line, strlen(line), &e->act, &err) != SP_ACTION)
                        continue;
                e->at = o->events[i].at;
                enum pk_verb v = e->act.verb;
                if (v == V_TAKE && e->act.npos > 0) {
                        if (cur >= 0 && c->end[cur] < 0)
                                c->end[cur] = c->nev;
                        cur = item_by_number(m, e->act.pos[0].text);
                        if (cur >= 0 && c->start[cur] < 0)
                                c->start[cur] = c->nev;
                        if (cur >= 0 && m->items[cur].closed)
                                doors = true;
                } else if (v == V_DOORS && e->act.npos > 0) {
                        doors = !strcmp(e->act.pos[0].text, "closed");
                }
                e->item = cur;
                e->doors_closed = doors;
                if (v == V_DONE || v == V_POSTPONE || v == V_WITHDRAW || v == V_CLOSE) {
                        if (cur >= 0)
                                c->end[cur] = c->nev;
                        if (cur >= 0 && m->items[cur].closed)
                                doors = false;
                        cur = -1;
                }
                c->nev++;
        }
}

static void course_free(struct ctx *c)
{
        for (int i = 0; i < c->nev; i++)
                action_free(&c->ev[i].act);
        free(c->ev);
        free(c->start);
        free(c->end);
}

/* "1", "1 and 2", "1, 2 and 3" */
static void number_list(struct sb *o, const int *nums, int n)
{
        for (int i = 0; i < n; i++) {
                if (i)
                        sb_add(o, i == n - 1 ? _(" and ") : ", ");
                sb_addf(o, "%d", nums[i]);
        }
}

/* The last recorded action of verb naming member, or -1. */
static int last_event(const struct ctx *c, enum pk_verb verb, const char *member)
{
        int found = -1;
        for (int k = 0; k < c->nev; k++) {
                const struct action *a = &c->ev[k].act;
                if (a->verb != verb)
                        continue;
                for (int i = 0; i < a->npos; i++)
                        if (!strcmp(a->pos[i].text, member))
                                found = k;
        }
        return found;
}

/* The same for a member whose name was corrected after the event: the name it then had. */
static int member_event(const struct ctx *c, enum pk_verb verb, const struct member *mb)
{
        int e = last_event(c, verb, mb->name);
        return e < 0 && mb->was ? last_event(c, verb, mb->was) : e;
}

/* The items treated wholly before event ev (before) or begun after it (!before), in
 * treatment order: the items a member who arrived or left then did not take part in. */
static void missed_items(const struct ctx *c, int ev, bool before, struct sb *o)
{
        const struct meeting *m = c->m;
        if (ev < 0)
                return;
        int *nums = pk_xcalloc((size_t)m->nitems + 1, sizeof *nums);
        int n = 0;
        for (int p = 0; p < m->nitems; p++) {
                int i = m->order[p];
                if (c->start[i] < 0)
                        continue;
                bool missed = before ? (c->end[i] >= 0 && c->end[i] < ev) : c->start[i] > ev;
                if (missed)
                        nums[n++] = m->items[i].number;
        }
        if (n) {
                struct sb l = {0};
                number_list(&l, nums, n);
                sb_add(o, " (");
                sb_addf(o,
                        n == 1 ? _("did not take part in item %s")
                               : _("did not take part in items %s"),
                        sb_str(&l));
                sb_add(o, ")");
                sb_free(&l);
        }
        free(nums);
}

/* ---- the header and attendance ------------------------------------------------------ */

static const char *meeting_kind_word(enum meeting_kind k)
{
        switch (k) {
        case MK_EXTRAORDINARY:
                return _("Extraordinary meeting");
        case MK_CONSTITUENT:
                return _("Constituent meeting");
        case MK_WRITTEN:
                return _("Written hearing (skriftlig høring) sent");
        default:
                return _("Ordinary meeting");
        }
}

static void header(struct ctx *c)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        const struct body *b = &s->bodies[m->body];
        struct sb l = {0}, t = {0};
        sb_addf(&l, _("Minutes of %s"), b->name);
        add_text(c->bl, BK_H1, sb_str(&l));
        if (c->public_)
                add_text(c->bl, BK_P,
                         _("Public version: items treated behind closed doors are shown by number, "
                           "public title and public decision only."));
        sb_clear(&l);
        long_date(&t, m->date);
        char iso[32];
        snprintf(iso, sizeof iso, "0000-00-00T%02d:%02d", (m->minute / 60) % 100, m->minute % 60);
        struct sb tm = {0};
        at_time(&tm, iso);
        sb_addf(&l, "%s %s %s", meeting_kind_word(m->kind), sb_str(&t), sb_str(&tm));
        if (m->virtual_)
                sb_add(&l, _(" (held virtually)"));
        add_labelled(c->bl, _("Meeting"), sb_str(&l));
        if (m->hearing_deadline) {
                sb_clear(&l);
                long_date_str(&l, m->hearing_deadline);
                add_labelled(c->bl, _("Answers by"), sb_str(&l));
        }
        if (m->ndemanded_by) {
                sb_clear(&l);
                for (int i = 0; i < m->ndemanded_by; i++)
                        sb_addf(&l, "%s%s", i ? ", " : "", s->members[m->demanded_by[i]].name);
                add_labelled(c->bl, _("Convened at the demand of"), sb_str(&l));
        }
        if (m->place)
                add_labelled(c->bl, _("Place"), m->place);
        sb_clear(&l);
        if (m->opened_at) {
                sb_clear(&t);
                clock_time(&t, m->opened_at);
                sb_addf(&l, _("opened at %s"), sb_str(&t));
                if (m->closed_at) {
                        sb_clear(&t);
                        clock_time(&t, m->closed_at);
                        sb_add(&l, ", ");
                        sb_addf(&l, _("closed at %s"), sb_str(&t));
                } else {
                        sb_add(&l, ", ");
                        sb_add(&l, _("not closed yet: these minutes are a draft"));
                }
        } else {
                sb_add(&l, _("not opened"));
        }
        add_labelled(c->bl, _("The meeting was"), sb_str(&l));
        int lead = engine_meeting_leader(s, m);
        if (lead >= 0) {
                sb_clear(&l);
                sb_addf(&l, "%s (%s)", s->members[lead].name,
                        engine_role_label(engine_role_at(s, lead, m->date)));
                add_labelled(c->bl, _("Chair of the meeting"), sb_str(&l));
        }
        sb_clear(&l);
        if (m->dispatched) {
                long_date_str(&l, m->dispatched);
                if (m->dispatch_late && !c->public_)
                        sb_add(&l, _(", after the deadline"));
        } else {
                sb_add(&l, _("not recorded"));
        }
        add_labelled(c->bl, _("Agenda sent"), sb_str(&l));
        add_labelled(c->bl, _("Rules of procedure"), b->profile.title);
        sb_free(&l);
        sb_free(&t);
        sb_free(&tm);
}

static void attendance(struct ctx *c)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        struct sb name = {0}, note = {0}, t = {0};
        add_text(c->bl, BK_H2, _("Attendance"));
        bool table = false;
        for (int i = 0; i < s->nmembers && i < m->natt; i++) {
                const struct member *mb = &s->members[i];
                const struct attendance *a = &m->att[i];
                if (mb->body != m->body || !a->attended)
                        continue;
                if (!table)
                        add_row(c->bl, BK_THEAD,
                                m->kind == MK_WRITTEN ? _("Answered") : _("Present"), _("Party"),
                                _("Note"));
                table = true;
                sb_clear(&note);
                if (mb->role == ROLE_OBSERVER)
                        sb_add(&note, _("observer without a vote"));
                if (a->seat_of >= 0)
                        sb_addf(&note, _("substitute for %s"), s->members[a->seat_of].name);
                if (mb->was && !c->public_) {
                        if (note.len)
                                sb_add(&note, "; ");
                        sb_addf(&note, _("name corrected, registered as %s"), mb->was);
                }
                if (a->arrived) {
                        sb_clear(&t);
                        clock_time(&t, a->arrived);
                        if (note.len)
                                sb_add(&note, "; ");
                        sb_addf(&note, _("arrived at %s"), sb_str(&t));
                        missed_items(c, member_event(c, V_ARRIVE, mb), true, &note);
                }
                if (a->left) {
                        sb_clear(&t);
                        clock_time(&t, a->left);
                        if (note.len)
                                sb_add(&note, "; ");
                        sb_addf(&note, _("left at %s"), sb_str(&t));
                        missed_items(c, member_event(c, V_LEAVE, mb), false, &note);
                }
                add_row(c->bl, BK_TROW, mb->name, engine_party_at(s, i, m->date), sb_str(&note));
        }
        if (table)
                block_add(c->bl, BK_TEND);
        else
                add_text(c->bl, BK_P, _("No one was recorded present."));
        bool any = false;
        bool with_reason =
            !strcmp(s->bodies[m->body].profile.rules[R_ABSENTEES].sval, "with-reason");
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != m->body || !engine_own_seat_at(s, i, m->date))
                        continue;
                /* a member on leave: their substitute holds the seat (absent if not present) */
                int lv = engine_leave_at(s, i, m->date);
                int who = lv >= 0 ? s->leaves[lv].sub : i;
                const struct attendance *a = who < m->natt ? &m->att[who] : NULL;
                if (lv >= 0) {
                        if (!any)
                                add_text(c->bl, BK_P, _("Absent:"));
                        any = true;
                        sb_clear(&name);
                        sb_addf(&name, "%s (%s): ", mb->name, engine_party_at(s, i, m->date));
                        sb_addf(&name, _("on leave; substitute: %s"), s->members[who].name);
                        if (!(a && a->attended))
                                sb_addf(&name, " (%s)", _("absent"));
                        add_text(c->bl, BK_LI, sb_str(&name));
                        continue;
                }
                if (a && a->attended)
                        continue;
                if (!any)
                        add_text(c->bl, BK_P,
                                 m->kind == MK_WRITTEN ? _("Did not answer:") : _("Absent:"));
                any = true;
                sb_clear(&name);
                sb_addf(&name, "%s (%s)", mb->name, engine_party_at(s, i, m->date));
                /* R_ABSENTEES: the reason recorded; where members give their reason when they
                 * report an absence, its lack is noted */
                if (a && a->reason && !c->public_)
                        sb_addf(&name, ": %s", a->reason);
                else if (with_reason && !c->public_)
                        sb_addf(&name, ": %s", _("no reason given"));
                add_text(c->bl, BK_LI, sb_str(&name));
        }
        sb_free(&name);
        sb_free(&note);
        sb_free(&t);
}

/* ---- proposals and votes ------------------------------------------------------------ */

/* The number of an amendment among its item's amendments (1, 2, ...), or of a sub-amendment
 * among those to its amendment. */
static int subject_number(const struct meeting *m, int k)
{
        const struct subject *sj = &m->subjects[k];
        int n = 0;
        for (int j = 0; j <= k; j++) {
                const struct subject *o = &m->subjects[j];
                if (o->kind == sj->kind && o->item == sj->item &&
                    (sj->kind != SK_SUB || o->parent == sj->parent))
                        n++;
        }
        return n;
}

/* How a proposal is referred to in a sentence: "amendment 1", "the proposal". */
static void subject_ref(const struct ctx *c, int k, struct sb *o)
{
        const struct meeting *m = c->m;
        const struct subject *sj = &m->subjects[k];
        switch (sj->kind) {
        case SK_MAIN:
                sb_add(o, _("the proposal"));
                break;
        case SK_AMEND:
                sb_addf(o, _("amendment %d"), subject_number(m, k));
                break;
        case SK_SUB:
                sb_addf(o, _("sub-amendment %d to amendment %d"), subject_number(m, k),
                        sj->parent >= 0 ? subject_number(m, sj->parent) : 0);
                break;
        case SK_PROC:
                if (sj->proc_kind && !strcmp(sj->proc_kind, "refer"))
                        sb_addf(o, _("the proposal to refer the case to %s"), sj->text);
                else if (sj->proc_kind && !strcmp(sj->proc_kind, "postpone"))
                        sb_add(o, _("the proposal to postpone the case"));
                else
                        sb_add(o, _("the procedural proposal"));
                break;
        case SK_CLOSURE:
                sb_add(o, _("the proposal to close the debate"));
                break;
        case SK_DENY:
                sb_addf(o, _("the proposal to deny %s the floor"),
                        sj->target >= 0 && sj->target < c->s->nmembers
                            ? c->s->members[sj->target].name
                            : "?");
                break;
        case SK_DISQ:
                sb_addf(o, _("the proposal that %s is disqualified for the case"),
                        sj->target >= 0 && sj->target < c->s->nmembers
                            ? c->s->members[sj->target].name
                            : "?");
                break;
        case SK_ORDER:
                sb_add(o, _("the proposed order of the items"));
                break;
        case SK_READING:
                sb_add(o, _("passing the case to the 2nd reading"));
                break;
        }
}

/* How an amendment came (R_AMEND_DEADLINE): submitted in writing, after the deadline with the
 * council's consent, announced by the chair at the start of a 2nd reading. */
static void amendment_notes(const struct subject *sj, struct sb *label)
{
        if (sj->submitted) {
                sb_add(label, _(", submitted "));
                long_date_str(label, sj->submitted);
        }
        if (sj->consented)
                sb_add(label, _(", after the deadline, with the council's consent"));
        if (sj->announced)
                sb_add(label, _(", announced by the chair at the start of the 2nd reading"));
}

/* A proposal as tabled: "Amendment 1 from Maria Skov", with its text. */
static void subject_block(struct ctx *c, int k)
{
        const struct subject *sj = &c->m->subjects[k];
        struct sb label = {0};
        const char *text = sj->text ? sj->text : "";
        switch (sj->kind) {
        case SK_MAIN:
                sb_add(&label, _("Proposal"));
                if (sj->by)
                        sb_addf(&label, _(" from %s"), sj->by);
                break;
        case SK_AMEND:
                if (sj->by)
                        sb_addf(&label, _("Amendment %d from %s"), subject_number(c->m, k), sj->by);
                else
                        sb_addf(&label, _("Amendment %d"), subject_number(c->m, k));
                amendment_notes(sj, &label);
                break;
        case SK_SUB:
                sb_addf(&label, _("Sub-amendment %d to amendment %d"), subject_number(c->m, k),
                        sj->parent >= 0 ? subject_number(c->m, sj->parent) : 0);
                if (sj->by)
                        sb_addf(&label, _(" from %s"), sj->by);
                amendment_notes(sj, &label);
                break;
        case SK_PROC:
                if (sj->proc_kind && !strcmp(sj->proc_kind, "refer"))
                        sb_add(&label, _("Proposal to refer the case"));
                else if (sj->proc_kind && !strcmp(sj->proc_kind, "postpone"))
                        sb_add(&label, _("Proposal to postpone the case"));
                else
                        sb_add(&label, _("Procedural proposal"));
                if (sj->by)
                        sb_addf(&label, _(" from %s"), sj->by);
                break;
        case SK_CLOSURE:
                sb_add(&label, _("Proposal to close the debate"));
                text = sj->by ? sj->by : "";
                if (sj->by) {
                        struct sb t = {0};
                        sb_addf(&t, _("demanded by %s"), sj->by);
                        add_labelled(c->bl, sb_str(&label), sb_str(&t));
                        sb_free(&t);
                        sb_free(&label);
                        return;
                }
                break;
        case SK_DISQ: {
                struct sb t = {0};
                sb_addf(&t, _("whether %s is disqualified for the case"),
                        sj->target >= 0 && sj->target < c->s->nmembers
                            ? c->s->members[sj->target].name
                            : "?");
                add_labelled(c->bl, _("Question of disqualification, put to the council's vote"),
                             sb_str(&t));
                sb_free(&t);
                sb_free(&label);
                return;
        }
        case SK_READING:
                sb_add(&label, _("At the 1st reading"));
                text = _("the case passes to the 2nd reading");
                break;
        default:
                sb_add(&label, _("Proposal"));
        }
        if (*text)
                add_labelled(c->bl, sb_str(&label), text);
        else
                add_text(c->bl, BK_P, sb_str(&label));
        sb_free(&label);
}

/* "A (9), V (4)" for the voters who voted choice in b, parties by size then first seen. */
static void parties_voting(const struct ctx *c, const struct ballot *b, enum vote_choice choice,
                           struct sb *o)
{
        const struct pk_state *s = c->s;
        int n = b->nvotes < s->nmembers ? b->nvotes : s->nmembers;
        const char **party = pk_xcalloc((size_t)n + 1, sizeof *party);
        int *count = pk_xcalloc((size_t)n + 1, sizeof *count);
        int np = 0;
        for (int i = 0; i < n; i++) {
                if (b->votes[i] != choice)
                        continue;
                const char *p = engine_party_at(s, i, c->m->date);
                if (!p)
                        p = "";
                int j = 0;
                while (j < np && strcmp(party[j], p))
                        j++;
                if (j == np)
                        party[np++] = p;
                count[j]++;
        }
        bool *done = pk_xcalloc((size_t)np + 1, sizeof *done);
        for (int printed = 0; printed < np; printed++) {
                int best = -1;
                for (int j = 0; j < np; j++)
                        if (!done[j] && (best < 0 || count[j] > count[best]))
                                best = j;
                done[best] = true;
                sb_addf(o, "%s%s (%d)", printed ? ", " : "", party[best], count[best]);
        }
        free(done);
        free(party);
        free(count);
}

/* Members who voted otherwise than the most of their party in b. */
static void against_group(const struct ctx *c, const struct ballot *b, struct sb *o)
{
        const struct pk_state *s = c->s;
        int n = b->nvotes < s->nmembers ? b->nvotes : s->nmembers;
        int found = 0;
        for (int i = 0; i < n; i++) {
                enum vote_choice v = b->votes[i];
                if (v == VC_NONE)
                        continue;
                int tally[4] = {0};
                for (int j = 0; j < n; j++)
                        if (b->votes[j] != VC_NONE && !strcmp(engine_party_at(s, j, c->m->date),
                                                              engine_party_at(s, i, c->m->date)))
                                tally[b->votes[j]]++;
                enum vote_choice most = VC_FOR;
                for (int k = VC_AGAINST; k <= VC_ABSTAIN; k++)
                        if (tally[k] > tally[most])
                                most = (enum vote_choice)k;
                if (tally[most] * 2 <= tally[1] + tally[2] + tally[3] || v == most)
                        continue; /* the group split evenly, or the member voted with it */
                const char *how = v == VC_FOR       ? _("voted for")
                                  : v == VC_AGAINST ? _("voted against")
                                                    : _("abstained");
                sb_addf(o, "%s%s (%s) %s", found++ ? "; " : "", s->members[i].name,
                        engine_party_at(s, i, c->m->date), how);
        }
        (void)found;
}

static void ballot_blocks(struct ctx *c, const struct ballot *b)
{
        struct sb l = {0}, ref = {0};
        subject_ref(c, b->subject, &ref);
        sb_addf(&l, _("Vote on %s: %s."), sb_str(&ref), b->adopted ? _("adopted") : _("rejected"));
        sb_add(&l, " ");
        sb_addf(&l, _("%d for, %d against, %d abstained."), b->nfor, b->nagainst, b->nabstain);
        if (b->tie)
                sb_add(&l, b->chair_decided ? _(" The votes were tied; the chair's vote decided.")
                                            : _(" The votes were tied, which is not a majority."));
        add_text(c->bl, BK_P, sb_str(&l));
        if (b->named) {
                static const char *const heads[] = {NULL, N_("Voted for"), N_("Voted against"),
                                                    N_("Abstained")};
                sb_clear(&l);
                for (int v = VC_FOR; v <= VC_ABSTAIN; v++) {
                        struct sb p = {0};
                        parties_voting(c, b, (enum vote_choice)v, &p);
                        if (p.len)
                                sb_addf(&l, "%s%s: %s.", l.len ? " " : "", _(heads[v]), sb_str(&p));
                        sb_free(&p);
                }
                if (l.len)
                        add_text(c->bl, BK_P, sb_str(&l));
                sb_clear(&l);
                against_group(c, b, &l);
                if (l.len)
                        add_labelled(c->bl, _("Voting otherwise than their group"), sb_str(&l));
        }
        sb_free(&l);
        sb_free(&ref);
}

/* The things of the full version that happened while item ii was under treatment (ii = -1:
 * outside any item): calls to order, denials of the floor, doors, demanded votes. */
static void course_blocks(struct ctx *c, int ii)
{
        struct sb l = {0}, t = {0};
        for (int k = 0; k < c->nev; k++) {
                const struct course *e = &c->ev[k];
                if (e->item != ii)
                        continue;
                sb_clear(&l);
                sb_clear(&t);
                at_time(&t, e->at);
                const char *arg = e->act.npos > 0 ? e->act.pos[0].text : "";
                switch (e->act.verb) {
                case V_CALL_TO_ORDER:
                        sb_addf(&l, _("%s %s was called to order by the chair."), sb_str(&t), arg);
                        break;
                case V_DENY_FLOOR:
                        sb_addf(&l, _("%s the chair proposed denying %s the floor."), sb_str(&t),
                                arg);
                        break;
                case V_DOORS:
                        sb_addf(&l,
                                !strcmp(arg, "closed") ? _("%s the doors were closed.")
                                                       : _("%s the doors were opened."),
                                sb_str(&t));
                        break;
                case V_DEMAND:
                        sb_addf(&l, _("%s %s demanded a vote."), sb_str(&t), arg);
                        break;
                case V_SUSPEND:
                        sb_addf(&l, _("%s the meeting was suspended."), sb_str(&t));
                        break;
                case V_RESUME:
                        sb_addf(&l, _("%s the meeting was resumed."), sb_str(&t));
                        break;
                default:
                        continue;
                }
                /* a sentence starts with a capital letter: "kl." and "at" do not */
                char *s = (char *)sb_str(&l);
                if (s[0] >= 'a' && s[0] <= 'z')
                        s[0] = (char)(s[0] - 'a' + 'A');
                add_text(c->bl, BK_LI, s);
        }
        sb_free(&l);
        sb_free(&t);
}

/* ---- items -------------------------------------------------------------------------- */

static void decision_of(const struct ctx *c, int ii, struct sb *o)
{
        const struct meeting *m = c->m;
        const struct item *it = &m->items[ii];
        if (it->hearing_result && !it->decision) {
                int n[4] = {0};
                for (int k = 0; k < it->nanswers; k++)
                        n[it->answers[k].choice]++;
                sb_addf(o, _("%s in writing: %d for, %d against, %d abstained."),
                        it->hearing_result == 1 ? _("Adopted") : _("Not adopted"), n[VC_FOR],
                        n[VC_AGAINST], n[VC_ABSTAIN]);
                return;
        }
        if (it->decision) {
                sb_add(o, it->decision);
                if (it->referred_to) {
                        sb_add(o, " ");
                        sb_addf(o, _("The case was referred to %s."), it->referred_to);
                }
                return;
        }
        switch (it->status) {
        case IS_POSTPONED:
                sb_add(o, _("The case was postponed."));
                return;
        case IS_REFERRED: {
                const char *to = it->referred_to;
                for (int k = 0; k < m->nsubjects && !to; k++)
                        if (m->subjects[k].item == ii && m->subjects[k].kind == SK_PROC &&
                            m->subjects[k].status == SS_ADOPTED && m->subjects[k].proc_kind &&
                            !strcmp(m->subjects[k].proc_kind, "refer"))
                                to = m->subjects[k].text;
                if (to)
                        sb_addf(o, _("The case was referred to %s."), to);
                else
                        sb_add(o, _("The case was referred."));
                return;
        }
        case IS_WITHDRAWN:
                if (it->dropped && it->dropped_late && !c->public_)
                        sb_add(o, _("Withdrawn from the agenda (udgår), after the agenda was "
                                    "sent."));
                else if (it->dropped)
                        sb_add(o, _("Withdrawn from the agenda (udgår)."));
                else
                        sb_add(o, _("The case was withdrawn."));
                return;
        case IS_PENDING:
                sb_add(o, _("The item was not taken up."));
                return;
        case IS_DEBATE:
                sb_add(o, _("The item is under treatment; no decision yet."));
                return;
        case IS_DECIDED:
                break;
        }
        for (int k = 0; k < m->nsubjects; k++) {
                const struct subject *sj = &m->subjects[k];
                if (sj->item != ii || sj->kind != SK_MAIN)
                        continue;
                if (sj->status == SS_ADOPTED) {
                        sb_add(o, _("The proposal was adopted."));
                        return;
                }
                if (sj->status == SS_REJECTED) {
                        sb_add(o, _("The proposal was rejected."));
                        return;
                }
        }
        for (int k = 0; k < m->nelections; k++)
                if (m->elections[k].item == ii) {
                        sb_add(o, _("The election was held as set out above."));
                        return;
                }
        sb_add(o, _("The item called for no decision."));
}

/* What the minutes say of an item before its course: a corrected title, the case number,
 * closed doors, the reading, the amendments' deadline, a member's proposal, urgency, and who
 * was disqualified (and how it was decided, § 8). l is scratch. */
static void item_facts(struct ctx *c, const struct item *it, struct sb *l)
{
        const struct pk_state *s = c->s;
        if (it->title_was && !c->public_) {
                sb_clear(l);
                sb_addf(l, _("Title corrected; first put on the agenda as \"%s\"."), it->title_was);
                add_text(c->bl, BK_P, sb_str(l));
        }
        if (it->case_id)
                add_labelled(c->bl, _("Case number"), it->case_id);
        if (it->closed)
                add_text(c->bl, BK_P, _("Treated behind closed doors."));
        if (it->reading)
                add_text(c->bl, BK_P, it->reading == 1 ? _("1st reading.") : _("2nd reading."));
        if (it->amend_deadline) {
                sb_clear(l);
                sb_add(l, it->amend_deadline_subs
                              ? _("Deadline for amendments and sub-amendments set by the council: ")
                              : _("Deadline for amendments set by the council: "));
                long_date_str(l, it->amend_deadline);
                sb_add(l, ".");
                add_text(c->bl, BK_P, sb_str(l));
        }
        if (it->proposer) {
                sb_clear(l);
                sb_addf(l, _("Proposal from %s, submitted "), it->proposer);
                long_date_str(l, it->submitted);
                if (it->late_proposal && !c->public_)
                        sb_add(l, _(", after the deadline: not entitled to this meeting"));
                sb_add(l, ".");
                add_text(c->bl, BK_P, sb_str(l));
        }
        if (it->urgent && !c->public_)
                add_labelled(c->bl, _("Urgency"),
                             it->urgent); /* the agenda was late; why the case could not wait */
        for (int i = 0; i < it->ninhabil && i < s->nmembers; i++)
                if (it->inhabil[i]) {
                        sb_clear(l);
                        int how = it->inhabil_how ? it->inhabil_how[i] : DH_LAW;
                        if (how == DH_WITHOUT_VOTE)
                                sb_addf(l,
                                        _("%s did not take part in the treatment of the case "
                                          "(disqualified by the council's decision without a "
                                          "vote)."),
                                        s->members[i].name);
                        else if (how == DH_VOTE)
                                sb_addf(l,
                                        _("%s did not take part in the treatment of the case "
                                          "(disqualified by the council's vote)."),
                                        s->members[i].name);
                        else
                                sb_addf(l,
                                        _("%s did not take part in the treatment of the case "
                                          "(disqualified)."),
                                        s->members[i].name);
                        add_text(c->bl, BK_P, sb_str(l));
                }
}

/* A written hearing's answers (KKR § 5, stk. 10): who answered what, and when. */
static void answer_blocks(struct ctx *c, const struct item *it, struct sb *l)
{
        const struct pk_state *s = c->s;
        add_text(c->bl, BK_P, _("Written answers:"));
        for (int k = 0; k < it->nanswers; k++) {
                const struct written_answer *w = &it->answers[k];
                sb_clear(l);
                sb_addf(l, "%s (%s): %s, ", s->members[w->member].name,
                        engine_party_at(s, w->member, c->m->date),
                        w->choice == VC_FOR       ? _("for")
                        : w->choice == VC_AGAINST ? _("against")
                                                  : _("abstained"));
                long_date_str(l, w->on);
                add_text(c->bl, BK_LI, sb_str(l));
        }
}

static void item_blocks(struct ctx *c, int ii)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        const struct item *it = &m->items[ii];
        struct sb l = {0};
        if (it->closed && c->public_) {
                sb_addf(&l, _("Item %d. %s"), it->number,
                        it->public_title ? it->public_title : _("Closed item"));
                add_text(c->bl, BK_H3, sb_str(&l));
                add_text(c->bl, BK_P, _("Treated behind closed doors."));
                if (it->public_decision)
                        add_labelled(c->bl, _("Decision"), it->public_decision);
                sb_free(&l);
                return;
        }
        sb_addf(&l, _("Item %d. %s"), it->number, it->title);
        add_text(c->bl, BK_H3, sb_str(&l));
        item_facts(c, it, &l);
        if (!c->public_)
                course_blocks(c, ii);
        for (int k = 0; k < m->nsubjects; k++)
                if (m->subjects[k].item == ii && m->subjects[k].kind != SK_DENY &&
                    m->subjects[k].kind != SK_ORDER)
                        subject_block(c, k);
        for (int k = 0; k < m->nballots; k++) {
                const struct ballot *b = &m->ballots[k];
                if (b->item == ii && !b->open && !(c->public_ && !engine_public_ballot(c->s, m, b)))
                        ballot_blocks(c, b);
        }
        for (int k = 0; k < m->nelections; k++) {
                const struct election *e = &m->elections[k];
                if (e->item != ii)
                        continue;
                sb_clear(&l);
                if (e->proportional)
                        sb_addf(&l, _("Election: %s (proportional, %d seats)"), e->title, e->seats);
                else
                        sb_addf(&l, _("Election: %s (majority)"), e->title);
                add_text(c->bl, BK_P, sb_str(&l));
                for (int g = 0; g < e->nlog; g++)
                        add_text(c->bl, BK_LI, e->log[g]);
        }
        if (it->declared && it->decided_without_vote)
                add_text(c->bl, BK_P, _("Decided without a vote: the outcome was beyond doubt."));
        if (it->nanswers)
                answer_blocks(c, it, &l);
        sb_clear(&l);
        decision_of(c, ii, &l);
        add_labelled(c->bl, _("Decision"), sb_str(&l));
        for (int k = 0; k < it->ndissents; k++) {
                const struct member *mb = &s->members[it->dissents[k].member];
                sb_clear(&l);
                sb_addf(&l, "%s (%s): %s", mb->name,
                        engine_party_at(s, it->dissents[k].member, c->m->date),
                        it->dissents[k].text);
                add_labelled(c->bl, _("Note of dissent"), sb_str(&l));
        }
        sb_free(&l);
}

/* ---- the meeting's own business, corrections, signatures ---------------------------- */

/* The room and doors when something at time `at` happened. */
static void room_at(const struct ctx *c, const char *at, int *room, bool *doors)
{
        *room = -1;
        *doors = false;
        for (int k = 0; k < c->nev && at; k++) {
                if (strcmp(c->ev[k].at, at) > 0)
                        break;
                *room = c->ev[k].item;
                *doors = c->ev[k].doors_closed;
        }
}

static void meeting_business(struct ctx *c)
{
        const struct meeting *m = c->m;
        bool any = false;
        struct sb l = {0};
        for (int k = 0; k < m->nsubjects; k++) {
                const struct subject *sj = &m->subjects[k];
                if (sj->kind != SK_ORDER && sj->kind != SK_DENY)
                        continue;
                if (c->public_ &&
                    (sj->kind == SK_DENY || !meeting_event_public(m, sj->room, false) ||
                     !engine_public_subject(c->s, m, sj)))
                        continue;
                if (!any)
                        add_text(c->bl, BK_H2, _("The conduct of the meeting"));
                any = true;
                sb_clear(&l);
                subject_ref(c, k, &l);
                char *s = (char *)sb_str(&l);
                if (s[0] >= 'a' && s[0] <= 'z')
                        s[0] = (char)(s[0] - 'a' + 'A');
                add_text(c->bl, BK_P, s);
                for (int j = 0; j < m->nballots; j++)
                        if (m->ballots[j].subject == k && !m->ballots[j].open)
                                ballot_blocks(c, &m->ballots[j]);
        }
        if (!c->public_) {
                bool some = false;
                for (int k = 0; k < c->nev && !some; k++)
                        some = c->ev[k].item == -1 &&
                               (c->ev[k].act.verb == V_CALL_TO_ORDER ||
                                c->ev[k].act.verb == V_DENY_FLOOR || c->ev[k].act.verb == V_DOORS ||
                                c->ev[k].act.verb == V_SUSPEND || c->ev[k].act.verb == V_RESUME);
                if (some && !any)
                        add_text(c->bl, BK_H2, _("The conduct of the meeting"));
                any = any || some;
                course_blocks(c, -1);
        }
        bool rulings = false;
        for (int k = 0; k < m->nrulings; k++) {
                const struct ruling *r = &m->rulings[k];
                int room;
                bool doors;
                room_at(c, r->at, &room, &doors);
                if (r->item >= 0)
                        room = r->item;
                if (c->public_ &&
                    (!meeting_event_public(m, room, doors) || !engine_public_ruling(c->s, m, r)))
                        continue;
                if (!rulings)
                        add_text(c->bl, BK_H2, _("Rulings of the chair"));
                rulings = true;
                sb_clear(&l);
                at_time(&l, r->at);
                char *s = (char *)sb_str(&l);
                if (s[0] >= 'a' && s[0] <= 'z')
                        s[0] = (char)(s[0] - 'a' + 'A');
                if (r->item >= 0)
                        sb_addf(&l, _(" (item %d)"), m->items[r->item].number);
                sb_addf(&l, ": %s", r->text);
                add_text(c->bl, BK_LI, sb_str(&l));
        }
        sb_free(&l);
}

/* A retracted action in words, never as the script line it was. */
static void correction_text(struct ctx *c, const struct correction *co, struct sb *o)
{
        struct action a;
        struct pk_err err = {0};
        struct sb t = {0};
        at_time(&t, co->at);
        if (script_parse_line(co->retracted, strlen(co->retracted), &a, &err) != SP_ACTION) {
                sb_addf(o, _("%s an action was retracted."), sb_str(&t));
                sb_free(&t);
                return;
        }
        const char *arg = a.npos > 0 ? a.pos[0].text : "";
        if (a.verb == V_VOTE || a.verb == V_BALLOT) {
                /* the ballot opened last before the correction */
                int bi = -1;
                for (int k = 0; k < c->m->nballots; k++)
                        if (c->m->ballots[k].opened_at &&
                            strcmp(c->m->ballots[k].opened_at, co->at) <= 0)
                                bi = k;
                struct sb ref = {0};
                if (bi >= 0)
                        subject_ref(c, c->m->ballots[bi].subject, &ref);
                if (a.verb == V_VOTE && bi >= 0)
                        sb_addf(o,
                                c->m->ballots[bi].open
                                    ? _("%s the vote on %s was cancelled.")
                                    : _("%s the vote on %s was cancelled and held again."),
                                sb_str(&t), sb_str(&ref));
                else if (bi >= 0)
                        sb_addf(o, _("%s the opening of the vote on %s was cancelled."), sb_str(&t),
                                sb_str(&ref));
                else
                        sb_addf(o, _("%s a vote was cancelled."), sb_str(&t));
                sb_free(&ref);
        } else if (a.verb == V_MOTION || a.verb == V_AMEND || a.verb == V_PROCEDURAL) {
                sb_addf(o, _("%s the proposal \"%s\" was struck out."), sb_str(&t), arg);
        } else if (a.verb == V_DECISION) {
                sb_addf(o, _("%s the wording of a decision was struck out."), sb_str(&t));
        } else if (a.verb == V_ARRIVE || a.verb == V_LEAVE || a.verb == V_PRESENT ||
                   a.verb == V_ABSENT) {
                sb_addf(o, _("%s a record of attendance (%s) was cancelled."), sb_str(&t), arg);
        } else {
                sb_addf(o, _("%s the record \"%s\" was cancelled."), sb_str(&t),
                        _(pk_verb_info[a.verb].help));
        }
        char *s = (char *)sb_str(o);
        if (s[0] >= 'a' && s[0] <= 'z')
                s[0] = (char)(s[0] - 'a' + 'A');
        action_free(&a);
        sb_free(&t);
}

static void corrections(struct ctx *c)
{
        const struct minutes_opts *o = c->o;
        if (c->public_ || !o->ncorrections)
                return;
        add_text(c->bl, BK_H2, _("Corrections"));
        struct sb l = {0};
        for (int k = 0; k < o->ncorrections; k++) {
                sb_clear(&l);
                correction_text(c, &o->corrections[k], &l);
                add_text(c->bl, BK_LI, sb_str(&l));
        }
        sb_free(&l);
}

static void signatures(struct ctx *c)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        const struct body *b = &s->bodies[m->body];
        bool chair_only = !strcmp(b->profile.rules[R_SIGNING].sval, "chair");
        add_text(c->bl, BK_H2, chair_only ? _("Approval") : _("Signatures"));
        struct sb l = {0};
        int n = 0;
        for (int i = 0; i < m->natt && i < s->nmembers; i++) {
                const struct attendance *a = &m->att[i];
                if (!a->attended || (chair_only && !a->signed_at))
                        continue;
                sb_clear(&l);
                sb_addf(&l, "%s: ", s->members[i].name);
                if (a->signed_at) {
                        sb_add(&l, _("signed "));
                        date_time(&l, a->signed_at);
                } else {
                        sb_add(&l, _("not signed"));
                }
                add_text(c->bl, BK_LI, sb_str(&l));
                n++;
        }
        if (!n)
                add_text(c->bl, BK_P,
                         chair_only ? _("The chair has not approved the minutes yet.")
                                    : _("No one has signed."));
        if (c->o->chain_head) {
                sb_clear(&l);
                sb_addf(&l, _("Record chain head after event %lld (SHA-256): %s"), c->o->chain_seq,
                        c->o->chain_head);
                add_text(c->bl, BK_SMALL, sb_str(&l));
        }
        sb_free(&l);
}

void minutes_build(const struct pk_state *s, int mi, const struct minutes_opts *o,
                   struct blocks *bl)
{
        struct ctx c = {.s = s, .m = &s->meetings[mi], .o = o, .bl = bl, .public_ = o->public_};
        course_load(&c);
        struct sb t = {0};
        sb_addf(&t, _("Minutes of %s"), s->bodies[c.m->body].name);
        sb_add(&t, ", ");
        long_date(&t, c.m->date);
        bl->title = pk_xstrdup(sb_str(&t));
        bl->lang = pk_xstrdup(pk_language());
        /* TRANSLATORS: the page number at the foot of each page of the PDF minutes */
        bl->page_fmt = pk_xstrdup(_("Page %d of %d"));
        sb_free(&t);
        header(&c);
        attendance(&c);
        add_text(bl, BK_H2, _("Items"));
        for (int p = 0; p < c.m->nitems; p++)
                item_blocks(&c, c.m->order[p]);
        meeting_business(&c);
        corrections(&c);
        signatures(&c);
        course_free(&c);
}

/* ---- writing the blocks ------------------------------------------------------------- */

/* Writes text escaped for the format. */
static void text(enum minutes_format f, struct sb *out, const char *s)
{
        if (f == MF_TXT) {
                sb_add(out, s);
                return;
        }
        if (f == MF_MD) {
                /* characters Markdown would read as markup are escaped */
                for (; *s; s++) {
                        if (strchr("\\`*_[]<>#|~", *s))
                                sb_add(out, "\\");
                        sb_addn(out, s, 1);
                }
                return;
        }
        for (; *s; s++) {
                switch (*s) {
                case '&':
                        sb_add(out, "&amp;");
                        break;
                case '<':
                        sb_add(out, "&lt;");
                        break;
                case '>':
                        sb_add(out, "&gt;");
                        break;
                case '"':
                        sb_add(out, "&quot;");
                        break;
                default:
                        sb_addn(out, s, 1);
                }
        }
}

bool minutes_format_parse(const char *s, enum minutes_format *out)
{
        if (!strcmp(s, "md"))
                *out = MF_MD;
        else if (!strcmp(s, "txt"))
                *out = MF_TXT;
        else if (!strcmp(s, "html"))
                *out = MF_HTML;
        else if (!strcmp(s, "pdf"))
                *out = MF_PDF;
        else
                return false;
        return true;
}

static const char *html_style =
    "body{font-family:'DejaVu Serif',Georgia,'Times New Roman',serif;max-width:46em;"
    "margin:2em auto;padding:0 1em;line-height:1.45;color:#111;background:#fff}\n"
    "h1{font-size:1.6em;border-bottom:2px solid #333}h2{font-size:1.25em;margin-top:1.6em;"
    "border-bottom:1px solid #777}h3{font-size:1.05em;margin-top:1.3em}\n"
    "table{border-collapse:collapse;margin:.5em 0}th,td{text-align:left;vertical-align:top;"
    "padding:.15em .8em .15em 0;border-bottom:1px solid #ccc}thead th{border-bottom:1px solid "
    "#333}\n"
    "ul{padding-left:1.3em}.head{color:#333;font-size:.85em;overflow-wrap:anywhere}\n"
    "@page{size:A4;margin:20mm 18mm 22mm 18mm;@bottom-center{content:%s;"
    "font-family:'DejaVu Serif',serif;font-size:9pt}}\n"
    "@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}"
    "tr,li,p{break-inside:avoid}}\n";

static void render_html(const struct blocks *bl, struct sb *out)
{
        /* the page number of the print CSS: "Page " counter(page) " of " counter(pages) "" */
        struct sb css = {0}, pg = {0};
        const char *f = bl->page_fmt;
        int nth = 0;
        sb_add(&pg, "\"");
        for (; *f; f++) {
                if (f[0] == '%' && f[1] == 'd' && nth < 2) {
                        sb_add(&pg, nth++ ? "\" counter(pages) \"" : "\" counter(page) \"");
                        f++;
                } else if (*f == '"' || *f == '\\') {
                        sb_addf(&pg, "\\%c", *f);
                } else {
                        sb_addn(&pg, f, 1);
                }
        }
        sb_add(&pg, "\"");
        sb_addf(&css, html_style, sb_str(&pg));
        sb_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                bl->lang);
        sb_add(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
        text(MF_HTML, out, bl->title);
        sb_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", sb_str(&css));
        sb_free(&css);
        sb_free(&pg);
        bool list = false;
        for (int i = 0; i < bl->n; i++) {
                const struct block *b = &bl->b[i];
                if (list && b->kind != BK_LI) {
                        sb_add(out, "</ul>\n");
                        list = false;
                }
                switch (b->kind) {
                case BK_H1:
                case BK_H2:
                case BK_H3:
                        sb_addf(out, "<h%d>", b->kind - BK_H1 + 1);
                        text(MF_HTML, out, b->text);
                        sb_addf(out, "</h%d>\n", b->kind - BK_H1 + 1);
                        break;
                case BK_P:
                        sb_add(out, "<p>");
                        text(MF_HTML, out, b->text);
                        sb_add(out, "</p>\n");
                        break;
                case BK_SMALL:
                        sb_add(out, "<p class=\"head\">");
                        text(MF_HTML, out, b->text);
                        sb_add(out, "</p>\n");
                        break;
                case BK_LP:
                        sb_add(out, "<p><strong>");
                        text(MF_HTML, out, b->label);
                        sb_add(out, ":</strong> ");
                        text(MF_HTML, out, b->text);
                        sb_add(out, "</p>\n");
                        break;
                case BK_LI:
                        if (!list)
                                sb_add(out, "<ul>\n");
                        list = true;
                        sb_add(out, "<li>");
                        text(MF_HTML, out, b->text);
                        sb_add(out, "</li>\n");
                        break;
                case BK_THEAD:
                        sb_add(out, "<table>\n<thead>\n<tr>");
                        for (int c = 0; c < b->ncells; c++) {
                                sb_add(out, "<th scope=\"col\">");
                                text(MF_HTML, out, b->cells[c]);
                                sb_add(out, "</th>");
                        }
                        sb_add(out, "</tr>\n</thead>\n<tbody>\n");
                        break;
                case BK_TROW:
                        sb_add(out, "<tr>");
                        for (int c = 0; c < b->ncells; c++) {
                                sb_add(out, c ? "<td>" : "<th scope=\"row\">");
                                text(MF_HTML, out, b->cells[c]);
                                sb_add(out, c ? "</td>" : "</th>");
                        }
                        sb_add(out, "</tr>\n");
                        break;
                case BK_TEND:
                        sb_add(out, "</tbody>\n</table>\n");
                        break;
                default:
                        break;
                }
        }
        if (list)
                sb_add(out, "</ul>\n");
        sb_add(out, "</main>\n</body>\n</html>\n");
}

static void render_text(const struct blocks *bl, enum minutes_format f, struct sb *out)
{
        bool list = false;
        for (int i = 0; i < bl->n; i++) {
                const struct block *b = &bl->b[i];
                if (list && b->kind != BK_LI) {
                        sb_add(out, "\n");
                        list = false;
                }
                switch (b->kind) {
                case BK_H1:
                case BK_H2:
                case BK_H3: {
                        int level = b->kind - BK_H1 + 1;
                        if (f == MF_MD) {
                                for (int k = 0; k < level; k++)
                                        sb_add(out, "#");
                                sb_add(out, " ");
                                text(f, out, b->text);
                                sb_add(out, "\n\n");
                        } else {
                                sb_addf(out, "%s\n", b->text);
                                size_t n = pk_utf8_len(b->text);
                                for (size_t k = 0; k < n; k++)
                                        sb_add(out, level == 1 ? "=" : level == 2 ? "-" : "~");
                                sb_add(out, "\n\n");
                        }
                        break;
                }
                case BK_P:
                case BK_SMALL:
                        text(f, out, b->text);
                        sb_add(out, "\n\n");
                        break;
                case BK_LP:
                        sb_add(out, f == MF_MD ? "**" : "");
                        text(f, out, b->label);
                        sb_add(out, f == MF_MD ? ":** " : ": ");
                        text(f, out, b->text);
                        sb_add(out, "\n\n");
                        break;
                case BK_LI:
                        list = true;
                        sb_add(out, f == MF_MD ? "- " : "  * ");
                        text(f, out, b->text);
                        sb_add(out, "\n");
                        break;
                case BK_THEAD:
                        if (f == MF_MD) {
                                for (int c = 0; c < b->ncells; c++) {
                                        sb_add(out, "| ");
                                        text(f, out, b->cells[c]);
                                        sb_add(out, " ");
                                }
                                sb_add(out, "|\n");
                                for (int c = 0; c < b->ncells; c++)
                                        sb_add(out, "|---");
                                sb_add(out, "|\n");
                        } else {
                                sb_addf(out, "%s:\n", b->cells[0]);
                        }
                        break;
                case BK_TROW:
                        if (f == MF_MD) {
                                for (int c = 0; c < b->ncells; c++) {
                                        sb_add(out, "| ");
                                        text(f, out, b->cells[c]);
                                        sb_add(out, " ");
                                }
                                sb_add(out, "|\n");
                        } else {
                                sb_addf(out, "  * %s (%s)", b->cells[0], b->cells[1]);
                                if (b->cells[2][0])
                                        sb_addf(out, ", %s", b->cells[2]);
                                sb_add(out, "\n");
                        }
                        break;
                case BK_TEND:
                        sb_add(out, "\n");
                        break;
                default:
                        break;
                }
        }
        if (list)
                sb_add(out, "\n");
}

/*
 * The PDF renderer lives in a module (protokol-pdf.so, pdf.c) loaded on the first PDF: beside
 * the executable (the build tree), else in protokol's module directory; PROTOKOL_PDF_MODULE
 * names another. Returns 0, or -1 with err when it cannot be loaded or fails.
 */
static int render_pdf(const struct blocks *bl, struct sb *out, struct pk_err *err)
{
        static int (*fn)(const struct blocks *, struct sb *, struct pk_err *);
        if (!fn) {
                char here[1024] = "", path[1100];
                const char *env = getenv("PROTOKOL_PDF_MODULE");
                void *h = NULL;
                if (env && env[0])
                        h = dlopen(env, RTLD_NOW | RTLD_LOCAL);
                ssize_t n = readlink("/proc/self/exe", here, sizeof here - 1);
                if (!h && n > 0) {
                        here[n] = '\0';
                        char *slash = strrchr(here, '/');
                        if (slash)
                                *slash = '\0';
                        snprintf(path, sizeof path, "%s/protokol-pdf.so", here);
                        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
                }
                if (!h) {
                        snprintf(path, sizeof path, "%s/protokol-pdf.so", PROTOKOL_MODULEDIR);
                        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
                }
                if (h)
                        *(void **)&fn = dlsym(h, "minutes_pdf");
                if (!fn) {
                        const char *why = dlerror();
                        pk_err_set(err,
                                   _("the PDF renderer (protokol-pdf.so) cannot be loaded: %s"),
                                   why ? why : "?");
                        return -1;
                }
        }
        return fn(bl, out, err);
}

int minutes_render_ex(const struct pk_state *s, int mi, const struct minutes_opts *o,
                      struct sb *out, struct pk_err *err)
{
        struct blocks bl = {0};
        minutes_build(s, mi, o, &bl);
        int rc = 0;
        if (o->format == MF_HTML)
                render_html(&bl, out);
        else if (o->format == MF_PDF)
                rc = render_pdf(&bl, out, err);
        else
                render_text(&bl, o->format, out);
        blocks_free(&bl);
        return rc;
}

void minutes_render(const struct pk_state *s, int mi, const struct minutes_opts *o, struct sb *out)
{
        struct pk_err err = {0};
        minutes_render_ex(s, mi, o, out, &err);
}
