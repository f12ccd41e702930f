/*
 * minutes.c - renders the decision protocol of a meeting as Markdown, plain text or HTML.
 *
 * The public version is built by leaving things out, never by hiding them afterwards: for an
 * item treated behind closed doors it writes only the item's number, its public title (or
 * "Closed item") and the public wording of its decision. Names, amounts, debate, votes,
 * disqualifications and dissent of such items are never read, so they cannot leak.
 */
#include <string.h>

#include "protokol/i18n.h"
#include "protokol/minutes.h"

struct doc {
        enum minutes_format f;
        struct sb *out;
        bool in_list;
};

/* Writes text escaped for the format. */
static void text(struct doc *d, const char *s)
{
        if (d->f == MF_TXT) {
                sb_add(d->out, s);
                return;
        }
        if (d->f == MF_MD) {
                /* characters Markdown would read as markup are escaped */
                for (; *s; s++) {
                        if (strchr("\\`*_[]<>#|~", *s))
                                sb_add(d->out, "\\");
                        sb_addn(d->out, s, 1);
                }
                return;
        }
        for (; *s; s++) {
                switch (*s) {
                case '&':
                        sb_add(d->out, "&amp;");
                        break;
                case '<':
                        sb_add(d->out, "&lt;");
                        break;
                case '>':
                        sb_add(d->out, "&gt;");
                        break;
                case '"':
                        sb_add(d->out, "&quot;");
                        break;
                default:
                        sb_addn(d->out, s, 1);
                }
        }
}

static void end_list(struct doc *d)
{
        if (!d->in_list)
                return;
        d->in_list = false;
        sb_add(d->out, d->f == MF_HTML ? "</ul>\n" : "\n");
}

static void heading(struct doc *d, int level, const char *s)
{
        end_list(d);
        if (d->f == MF_HTML) {
                sb_addf(d->out, "<h%d>", level);
                text(d, s);
                sb_addf(d->out, "</h%d>\n", level);
        } else if (d->f == MF_MD) {
                for (int i = 0; i < level; i++)
                        sb_add(d->out, "#");
                sb_add(d->out, " ");
                text(d, s);
                sb_add(d->out, "\n\n");
        } else {
                sb_addf(d->out, "%s\n", s);
                size_t n = pk_utf8_len(s);
                for (size_t i = 0; i < n; i++)
                        sb_add(d->out, level == 1 ? "=" : level == 2 ? "-" : "~");
                sb_add(d->out, "\n\n");
        }
}

static void para(struct doc *d, const char *s)
{
        end_list(d);
        if (d->f == MF_HTML) {
                sb_add(d->out, "<p>");
                text(d, s);
                sb_add(d->out, "</p>\n");
        } else {
                text(d, s);
                sb_add(d->out, "\n\n");
        }
}

static void item(struct doc *d, const char *s)
{
        if (!d->in_list) {
                d->in_list = true;
                if (d->f == MF_HTML)
                        sb_add(d->out, "<ul>\n");
        }
        if (d->f == MF_HTML) {
                sb_add(d->out, "<li>");
                text(d, s);
                sb_add(d->out, "</li>\n");
        } else {
                sb_add(d->out, d->f == MF_MD ? "- " : "  * ");
                text(d, s);
                sb_add(d->out, "\n");
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
        else
                return false;
        return true;
}

static const char *html_head =
    "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;"
    "padding:0 1em;line-height:1.45;color:#111}\n"
    "h1{font-size:1.6em;border-bottom:2px solid #333}h2{font-size:1.25em;margin-top:1.6em;"
    "border-bottom:1px solid #999}h3{font-size:1.05em}\n"
    "ul{padding-left:1.3em}.head{color:#444;font-size:.9em;word-break:break-all}\n"
    "@media print{body{margin:0;max-width:none;font-size:11pt}h2{page-break-after:avoid}"
    "a{color:inherit;text-decoration:none}}\n"
    "</style>\n</head>\n<body>\n";

static const char *vote_word(enum vote_choice v)
{
        switch (v) {
        case VC_FOR:
                return _("for");
        case VC_AGAINST:
                return _("against");
        case VC_ABSTAIN:
                return _("abstained");
        default:
                return "";
        }
}

static const char *subject_status_word(enum subject_status st)
{
        switch (st) {
        case SS_OPEN:
                return _("not voted");
        case SS_ADOPTED:
                return _("adopted");
        case SS_REJECTED:
                return _("rejected");
        case SS_LAPSED:
                return _("lapsed");
        }
        return "";
}

static void attendance_section(struct doc *d, const struct pk_state *s, const struct meeting *m,
                               bool public_)
{
        struct sb line = {0};
        heading(d, 2, _("Attendance"));
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != m->body || i >= m->natt)
                        continue;
                const struct attendance *a = &m->att[i];
                sb_clear(&line);
                if (a->attended) {
                        sb_addf(&line, "%s (%s)", mb->name, mb->party);
                        if (a->seat_of >= 0)
                                sb_addf(&line, _(", substitute for %s"),
                                        s->members[a->seat_of].name);
                        if (a->arrived)
                                sb_addf(&line, _(", arrived %s"), a->arrived);
                        if (a->left)
                                sb_addf(&line, _(", left %s"), a->left);
                        item(d, sb_str(&line));
                }
        }
        end_list(d);
        bool any = false;
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != m->body || mb->principal >= 0)
                        continue;
                const struct attendance *a = i < m->natt ? &m->att[i] : NULL;
                if (a && a->attended)
                        continue;
                if (!any)
                        para(d, _("Absent:"));
                any = true;
                sb_clear(&line);
                sb_addf(&line, "%s (%s)", mb->name, mb->party);
                if (a && a->reason && !public_)
                        sb_addf(&line, ": %s", a->reason);
                item(d, sb_str(&line));
        }
        end_list(d);
        sb_free(&line);
}

static void ballot_lines(struct doc *d, const struct pk_state *s, const struct meeting *m,
                         int item_index, bool public_)
{
        struct sb line = {0};
        for (int k = 0; k < m->nballots; k++) {
                const struct ballot *b = &m->ballots[k];
                if (b->item != item_index || b->open)
                        continue;
                if (public_ && !engine_public_ballot(s, m, b))
                        continue;
                const struct subject *sj = &m->subjects[b->subject];
                sb_clear(&line);
                sb_addf(&line, _("Vote on %s (%s): %s, %d for, %d against, %d abstaining"), sj->id,
                        engine_subject_kind_name(sj->kind),
                        b->adopted ? _("adopted") : _("rejected"), b->nfor, b->nagainst,
                        b->nabstain);
                if (b->tie)
                        sb_add(&line, b->chair_decided ? _(" (a tie decided by the chair's vote)")
                                                       : _(" (a tie is not a majority)"));
                item(d, sb_str(&line));
                if (!b->named)
                        continue;
                for (int v = VC_FOR; v <= VC_ABSTAIN; v++) {
                        sb_clear(&line);
                        int n = 0;
                        for (int i = 0; i < b->nvotes; i++)
                                if (b->votes[i] == (enum vote_choice)v)
                                        sb_addf(&line, "%s%s", n++ ? "; " : "", s->members[i].name);
                        if (!n)
                                continue;
                        struct sb l2 = {0};
                        sb_addf(&l2, "  %s: %s", vote_word((enum vote_choice)v), sb_str(&line));
                        item(d, sb_str(&l2));
                        sb_free(&l2);
                }
        }
        sb_free(&line);
}

static void item_section(struct doc *d, const struct pk_state *s, const struct meeting *m,
                         int position, int ii, bool public_)
{
        const struct item *it = &m->items[ii];
        struct sb line = {0};
        (void)position;
        if (it->closed && public_) {
                sb_addf(&line, _("Item %d. %s"), it->number,
                        it->public_title ? it->public_title : _("Closed item"));
                heading(d, 3, sb_str(&line));
                sb_clear(&line);
                if (it->public_decision)
                        sb_addf(&line, _("Decision: %s"), it->public_decision);
                else
                        sb_add(&line, _("Treated behind closed doors."));
                para(d, sb_str(&line));
                sb_free(&line);
                return;
        }
        sb_addf(&line, _("Item %d. %s"), it->number, it->title);
        heading(d, 3, sb_str(&line));
        sb_clear(&line);
        if (it->closed)
                item(d, _("Treated behind closed doors"));
        if (it->reading)
                item(d, it->reading == 1 ? _("1st reading") : _("2nd reading"));
        if (it->proposer) {
                sb_addf(&line, _("Proposed by %s, submitted %s"), it->proposer, it->submitted);
                if (it->late_proposal)
                        sb_add(&line, _(", after the deadline: not entitled to this meeting"));
                item(d, sb_str(&line));
        }
        if (it->urgent) {
                sb_clear(&line);
                sb_addf(&line, _("The agenda was late; the item could not wait: %s"), it->urgent);
                item(d, sb_str(&line));
        }
        for (int i = 0; i < it->ninhabil; i++)
                if (it->inhabil[i]) {
                        sb_clear(&line);
                        sb_addf(&line, _("%s was disqualified and left the room"),
                                s->members[i].name);
                        item(d, sb_str(&line));
                }
        for (int k = 0; k < m->nsubjects; k++) {
                const struct subject *sj = &m->subjects[k];
                if (sj->item != ii || sj->kind == SK_READING)
                        continue;
                sb_clear(&line);
                sb_addf(&line, "%s (%s", sj->id, engine_subject_kind_name(sj->kind));
                if (sj->by)
                        sb_addf(&line, _(", by %s"), sj->by);
                sb_addf(&line, "): %s — %s", sj->text ? sj->text : "",
                        subject_status_word(sj->status));
                item(d, sb_str(&line));
        }
        ballot_lines(d, s, m, ii, public_);
        for (int k = 0; k < m->nelections; k++) {
                const struct election *e = &m->elections[k];
                if (e->item != ii)
                        continue;
                sb_clear(&line);
                if (e->proportional)
                        sb_addf(&line, _("Election E%d \"%s\" (proportional, %d seats)"), k + 1,
                                e->title, e->seats);
                else
                        sb_addf(&line, _("Election E%d \"%s\" (majority)"), k + 1, e->title);
                item(d, sb_str(&line));
                for (int l = 0; l < e->nlog; l++) {
                        sb_clear(&line);
                        sb_addf(&line, "  %s", e->log[l]);
                        item(d, sb_str(&line));
                }
        }
        if (it->declared && it->decided_without_vote)
                item(d, _("Decided without a vote: the outcome was beyond doubt"));
        end_list(d);
        sb_clear(&line);
        if (it->decision)
                sb_addf(&line, _("Decision: %s"), it->decision);
        else
                sb_addf(&line, _("Status: %s"), engine_item_status_name(it->status));
        if (it->referred_to)
                sb_addf(&line, _(" (referred to %s)"), it->referred_to);
        para(d, sb_str(&line));
        for (int k = 0; k < it->ndissents; k++) {
                sb_clear(&line);
                sb_addf(&line, _("Dissent of %s: %s"), s->members[it->dissents[k].member].name,
                        it->dissents[k].text);
                item(d, sb_str(&line));
        }
        end_list(d);
        sb_free(&line);
}

void minutes_render(const struct pk_state *s, int mi, const struct minutes_opts *o, struct sb *out)
{
        struct doc d = {.f = o->format, .out = out};
        const struct meeting *m = &s->meetings[mi];
        const struct body *b = &s->bodies[m->body];
        char date[11];
        cal_format(m->date, date);
        struct sb line = {0};
        sb_addf(&line, _("%s — decision protocol, %s"), b->name, date);
        if (o->format == MF_HTML) {
                struct sb t = {0};
                struct doc td = {.f = MF_HTML, .out = &t};
                text(&td, sb_str(&line));
                sb_addf(out, html_head, sb_str(&t));
                sb_free(&t);
        }
        heading(&d, 1, sb_str(&line));
        if (o->public_)
                para(&d, _("Public version: items treated behind closed doors are shown by number, "
                           "public title and public decision only."));
        sb_clear(&line);
        sb_addf(&line, _("Meeting %d, %s at %02d:%02d"), mi + 1, date, m->minute / 60,
                m->minute % 60);
        if (m->place)
                sb_addf(&line, ", %s", m->place);
        if (m->virtual_)
                sb_add(&line, _(" (virtual)"));
        if (m->kind == MK_EXTRAORDINARY)
                sb_add(&line, _(", extraordinary meeting"));
        else if (m->kind == MK_CONSTITUENT)
                sb_add(&line, _(", constituent meeting"));
        item(&d, sb_str(&line));
        sb_clear(&line);
        sb_addf(&line, _("Rules of procedure: %s (%s)"), b->profile.title, b->profile.name);
        item(&d, sb_str(&line));
        sb_clear(&line);
        if (m->dispatched)
                sb_addf(&line, _("Agenda dispatched %s%s"), m->dispatched,
                        m->dispatch_late ? _(", after the deadline") : "");
        else
                sb_add(&line, _("The agenda's dispatch was not recorded"));
        item(&d, sb_str(&line));
        sb_clear(&line);
        sb_addf(&line, _("State: %s"), engine_meeting_state_name(m->state));
        item(&d, sb_str(&line));
        end_list(&d);

        attendance_section(&d, s, m, o->public_);

        heading(&d, 2, _("Items"));
        for (int p = 0; p < m->nitems; p++)
                item_section(&d, s, m, p, m->order[p], o->public_);

        /* meeting-level votes (order of items, denial of the floor) and rulings */
        bool any = false;
        for (int k = 0; k < m->nsubjects; k++) {
                const struct subject *sj = &m->subjects[k];
                if (sj->kind != SK_ORDER && sj->kind != SK_DENY)
                        continue;
                if (o->public_ && !engine_public_subject(s, m, sj))
                        continue;
                if (!any)
                        heading(&d, 2, _("Order of the meeting"));
                any = true;
                sb_clear(&line);
                sb_addf(&line, "%s: %s — %s", sj->id, sj->text, subject_status_word(sj->status));
                item(&d, sb_str(&line));
        }
        if (any)
                ballot_lines(&d, s, m, -1, o->public_);
        any = false;
        for (int k = 0; k < m->nrulings; k++) {
                const struct ruling *r = &m->rulings[k];
                if (o->public_ && !engine_public_ruling(s, m, r))
                        continue;
                if (!any)
                        heading(&d, 2, _("Rulings of the chair"));
                any = true;
                item(&d, r->text);
        }
        end_list(&d);

        if (!o->public_ && o->ncorrections) {
                heading(&d, 2, _("Corrections"));
                for (int k = 0; k < o->ncorrections; k++) {
                        sb_clear(&line);
                        sb_addf(&line, _("%s: retracted \"%s\""), o->corrections[k].at,
                                o->corrections[k].retracted);
                        item(&d, sb_str(&line));
                }
                end_list(&d);
        }

        if (!o->public_) {
                bool chair_only = !strcmp(b->profile.rules[R_SIGNING].sval, "chair");
                heading(&d, 2, chair_only ? _("Approval") : _("Signatures"));
                int n = 0;
                for (int i = 0; i < m->natt && i < s->nmembers; i++) {
                        const struct attendance *a = &m->att[i];
                        if (!a->attended || (chair_only && !a->signed_at))
                                continue;
                        sb_clear(&line);
                        if (a->signed_at)
                                sb_addf(&line, _("%s — signed %s"), s->members[i].name,
                                        a->signed_at);
                        else
                                sb_addf(&line, _("%s — not signed"), s->members[i].name);
                        item(&d, sb_str(&line));
                        n++;
                }
                if (!n)
                        para(&d, chair_only ? _("The chair has not approved the minutes yet.")
                                            : _("No one has signed."));
                end_list(&d);
        }
        if (o->chain_head) {
                sb_clear(&line);
                sb_addf(&line, _("Record chain head after event %lld (SHA-256): %s"), o->chain_seq,
                        o->chain_head);
                if (o->format == MF_HTML) {
                        sb_add(out, "<p class=\"head\">");
                        text(&d, sb_str(&line));
                        sb_add(out, "</p>\n");
                } else {
                        para(&d, sb_str(&line));
                }
        }
        if (o->format == MF_HTML)
                sb_add(out, "</body>\n</html>\n");
        sb_free(&line);
}
