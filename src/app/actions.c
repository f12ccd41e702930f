/*
 * actions.c - the action layer: parse a request, let the engine judge it, record the
 * accepted action in one committed transaction, and only then report "ok".
 *
 * The state is never kept anywhere but in the record: opening a database replays its
 * events through the same engine. An undo appends a retraction and rebuilds the state
 * from the record without the retracted action.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "protokol/app.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/rows.h"
#include "protokol/script.h"

struct app {
	struct store *st;
	struct pk_state *s;
	int64_t seen;      /* last event seq applied */
	bool read_only;
};

const struct pk_state *app_state(const struct app *a)
{
	return a->s;
}

struct store *app_store(struct app *a)
{
	return a->st;
}

/* The time an action is recorded: the clock, or PROTOKOL_NOW for reproducible runs. */
static void now_iso(char buf[32])
{
	const char *fixed = getenv("PROTOKOL_NOW");
	if (fixed && strlen(fixed) == 19) {
		pk_strlcpy(buf, fixed, 32);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
}

static char *read_file(const char *path, struct pk_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pk_strlcpy(err->file, path, sizeof err->file);
		pk_err_set(err, _("cannot read the profile"));
		return NULL;
	}
	struct sb b = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&b, buf, n);
	fclose(f);
	char *s = pk_xstrdup(sb_str(&b));
	sb_free(&b);
	return s;
}

/* Applies one recorded event to the state during replay. */
static int replay_one(struct app *a, const struct event *e, struct pk_err *err)
{
	struct action act;
	struct pk_err perr = {0};
	if (script_parse_line(e->line, strlen(e->line), &act, &perr) != SP_ACTION) {
		pk_err_set(err, _("event %lld cannot be read back: %s"), (long long)e->seq,
			   perr.msg);
		return -1;
	}
	struct profile *prof = NULL;
	if (act.verb == V_BODY && e->attachment) {
		prof = pk_xmalloc(sizeof *prof);
		if (profile_parse(e->attachment, "recorded profile", prof, &perr) < 0) {
			pk_err_set(err, _("event %lld: its recorded profile does not load: %s"),
				   (long long)e->seq, perr.msg);
			free(prof);
			action_free(&act);
			return -1;
		}
	}
	struct engine_input in = {.action = &act, .time = e->at, .profile = prof};
	struct sb msg = {0};
	enum pk_result r = engine_apply(a->s, &in, &msg);
	int rc = 0;
	if (r != PK_OK) {
		pk_err_set(err, _("event %lld (%s) does not replay: %s"), (long long)e->seq, e->line,
			   sb_str(&msg));
		rc = -1;
	}
	sb_free(&msg);
	free(prof);
	action_free(&act);
	return rc;
}

/* Rebuilds the state from the record, leaving out retracted events (and also the event
 * numbered exclude, when it is not 0). */
static int rebuild_excluding(struct app *a, int64_t exclude, struct pk_err *err)
{
	struct event *evs;
	int n;
	if (store_load(a->st, &evs, &n, err) < 0)
		return -1;
	engine_free(&a->s);
	a->s = engine_new();
	int64_t maxseq = n ? evs[n - 1].seq : 0;
	char *retracted = pk_xcalloc((size_t)maxseq + 2, 1);
	for (int i = 0; i < n; i++)
		if (evs[i].retracts > 0 && evs[i].retracts <= maxseq)
			retracted[evs[i].retracts] = 1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (evs[i].retracts > 0 || retracted[evs[i].seq] || evs[i].seq == exclude)
			continue;
		rc = replay_one(a, &evs[i], err);
	}
	a->seen = maxseq;
	free(retracted);
	store_events_free(evs, n);
	return rc;
}

static int rebuild(struct app *a, struct pk_err *err)
{
	return rebuild_excluding(a, 0, err);
}

/* The rows of the scopes an action can change: the current body's members and the
 * current meeting. */
static void scope_rows(const struct pk_state *s, int body, int meeting, struct dt_rows *out)
{
	dt_rows_body(s, body, out);
	dt_rows_meeting(s, meeting, out);
}

/* Changes that turn the rows before into the rows after (both are sorted here). The
 * changes point into after and before, which must outlive them. */
static struct dt_change *diff_rows(struct dt_rows *before, struct dt_rows *after, int *n)
{
	dt_rows_sort(before);
	dt_rows_sort(after);
	struct dt_change *ch = pk_xcalloc((size_t)(before->n + after->n) + 1, sizeof *ch);
	int i = 0, j = 0, k = 0;
	while (i < before->n || j < after->n) {
		int c = i >= before->n	  ? 1
			: j >= after->n	  ? -1
					  : dt_row_keycmp(&before->rows[i], &after->rows[j]);
		if (c < 0) {
			ch[k++] = (struct dt_change){&before->rows[i++], true};
		} else if (c > 0) {
			ch[k++] = (struct dt_change){&after->rows[j++], false};
		} else {
			if (!dt_row_equal(&before->rows[i], &after->rows[j]))
				ch[k++] = (struct dt_change){&after->rows[j], false};
			i++;
			j++;
		}
	}
	*n = k;
	return ch;
}

int app_open(const char *path, bool read_only, struct app **out, struct pk_err *err)
{
	struct app *a = pk_xcalloc(1, sizeof *a);
	a->read_only = read_only;
	if (store_open(path, read_only ? STORE_READ : STORE_WRITE, &a->st, err) < 0) {
		free(a);
		return -1;
	}
	if (rebuild(a, err) < 0) {
		app_close(&a);
		return -1;
	}
	*out = a;
	return 0;
}

void app_close(struct app **ap)
{
	struct app *a = *ap;
	if (!a)
		return;
	store_close(&a->st);
	engine_free(&a->s);
	free(a);
	*ap = NULL;
}

bool app_refresh(struct app *a, struct pk_err *err)
{
	struct event *evs;
	int n;
	if (store_load(a->st, &evs, &n, err) < 0)
		return false;
	int64_t last = n ? evs[n - 1].seq : 0;
	store_events_free(evs, n);
	if (last == a->seen)
		return false;
	return rebuild(a, err) == 0;
}

static enum app_result record(struct app *a, const struct action *act, const char *at,
			      const char *result, const char *attachment, int64_t retracts,
			      const struct dt_change *ch, int nch, struct sb *out)
{
	struct event ev = {0};
	ev.at = (char *)at;
	ev.verb = (char *)pk_verb_info[act->verb].name;
	ev.line = act->text;
	ev.result = (char *)result;
	ev.attachment = (char *)attachment;
	ev.retracts = retracts;
	ev.meeting = a->s->cur_meeting + 1;
	struct pk_err err = {0};
	if (store_append(a->st, &ev, ch, nch, &err) < 0) {
		char buf[1024];
		pk_err_format(&err, buf, sizeof buf);
		sb_addf(out, _("error: the action was not recorded: %s"), buf);
		/* the state went ahead of the record: bring it back */
		struct pk_err e2 = {0};
		rebuild(a, &e2);
		return AR_IO;
	}
	a->seen = ev.seq;
	return AR_OK;
}

static enum app_result do_undo(struct app *a, const struct action *act, const char *at,
			       struct sb *out)
{
	struct sb why = {0};
	struct pk_err err = {0};
	enum pk_verb v = V_UNDO;
	(void)v;
	const struct meeting *m = engine_current_meeting(a->s);
	if (m && m->state == MS_LOCKED) {
		const char *c = a->s->bodies[m->body].profile.rules[R_SIGNING].cite;
		sb_add(out, _("denied: the protocol is signed and locked"));
		if (c[0] && strcmp(c, "-"))
			sb_addf(out, " (%s)", c);
		sb_free(&why);
		return AR_DENIED;
	}
	struct event *evs;
	int n;
	if (store_load(a->st, &evs, &n, &err) < 0) {
		sb_addf(out, _("error: %s"), err.msg);
		return AR_IO;
	}
	int64_t maxseq = n ? evs[n - 1].seq : 0;
	char *retracted = pk_xcalloc((size_t)maxseq + 2, 1);
	for (int i = 0; i < n; i++)
		if (evs[i].retracts > 0 && evs[i].retracts <= maxseq)
			retracted[evs[i].retracts] = 1;
	int target = -1;
	for (int i = n - 1; i >= 0; i--)
		if (evs[i].retracts == 0 && !retracted[evs[i].seq]) {
			target = i;
			break;
		}
	free(retracted);
	if (target < 0) {
		store_events_free(evs, n);
		sb_add(out, _("denied: there is nothing to undo"));
		return AR_DENIED;
	}
	int64_t seq = evs[target].seq;
	struct sb res = {0};
	sb_addf(&res, _("retracted %lld: %s"), (long long)seq, evs[target].line);
	store_events_free(evs, n);
	struct dt_rows before = {0}, after = {0};
	dt_rows_all(a->s, &before);
	enum app_result r;
	if (rebuild_excluding(a, seq, &err) < 0) {
		sb_addf(out, _("error: the record cannot be replayed without it: %s"), err.msg);
		rebuild(a, &err);
		r = AR_IO;
	} else {
		dt_rows_all(a->s, &after);
		int nch;
		struct dt_change *ch = diff_rows(&before, &after, &nch);
		r = record(a, act, at, sb_str(&res), NULL, seq, ch, nch, out);
		free(ch);
		if (r == AR_OK)
			sb_addf(out, "ok: %s", sb_str(&res));
	}
	dt_rows_free(&before);
	dt_rows_free(&after);
	sb_free(&res);
	sb_free(&why);
	return r;
}

enum app_result app_exec(struct app *a, const char *line, size_t len, int lineno, struct sb *out)
{
	struct action act;
	struct pk_err perr = {0};
	enum script_parse sp = script_parse_line(line, len, &act, &perr);
	if (sp == SP_EMPTY)
		return AR_EMPTY;
	if (sp == SP_ERROR) {
		sb_addf(out, _("error: line %d: %s"), lineno, perr.msg);
		return AR_ERROR;
	}
	enum app_result r = AR_OK;
	if (act.verb == V_STATUS) {
		struct sb s = {0};
		engine_status(a->s, &s);
		if (s.len && s.s[s.len - 1] == '\n')
			s.s[--s.len] = '\0';
		sb_add(out, sb_str(&s));
		sb_free(&s);
		goto done;
	}
	if (act.verb == V_ALLOWED) {
		struct sb s = {0};
		engine_allowed(a->s, false, &s);
		if (s.len && s.s[s.len - 1] == '\n')
			s.s[--s.len] = '\0';
		sb_add(out, sb_str(&s));
		sb_free(&s);
		goto done;
	}
	if (a->read_only) {
		sb_add(out, _("denied: the database is open read-only (a follower)"));
		r = AR_DENIED;
		goto done;
	}
	char at[32];
	now_iso(at);
	if (act.verb == V_UNDO) {
		r = do_undo(a, &act, at, out);
		goto done;
	}
	/* a new body's profile is loaded here (I/O) and recorded with the action */
	struct profile *prof = NULL;
	char *prof_text = NULL;
	const char *pname = action_opt(&act, "profile");
	if (act.verb == V_BODY && pname) {
		bool exists = false;
		for (int i = 0; i < a->s->nbodies; i++)
			if (!strcmp(a->s->bodies[i].name, act.pos[0].text))
				exists = true;
		if (!exists) {
			char path[1024];
			struct pk_err e = {0};
			prof = pk_xmalloc(sizeof *prof);
			if (profile_locate(pname, path, sizeof path, &e) < 0 ||
			    !(prof_text = read_file(path, &e)) ||
			    profile_parse(prof_text, path, prof, &e) < 0 ||
			    (!strchr(pname, '/') && strcmp(prof->name, pname) != 0 &&
			     (pk_err_set(&e, _("the profile file declares the name \"%s\""),
					 prof->name),
			      true))) {
				char buf[1024];
				pk_err_format(&e, buf, sizeof buf);
				sb_addf(out, _("error: line %d: %s"), lineno, buf);
				free(prof);
				free(prof_text);
				r = AR_ERROR;
				goto done;
			}
		}
	}
	struct engine_input in = {.action = &act, .time = at, .profile = prof};
	struct sb msg = {0};
	struct dt_rows before = {0}, after = {0};
	int body0 = a->s->cur_body, meeting0 = a->s->cur_meeting;
	scope_rows(a->s, body0, meeting0, &before);
	enum pk_result er = engine_apply(a->s, &in, &msg);
	if (er == PK_OK) {
		scope_rows(a->s, body0, meeting0, &after);
		if (a->s->cur_body != body0 || a->s->cur_meeting != meeting0)
			scope_rows(a->s, a->s->cur_body, a->s->cur_meeting, &after);
		int nch;
		struct dt_change *ch = diff_rows(&before, &after, &nch);
		r = record(a, &act, at, sb_str(&msg), prof_text, 0, ch, nch, out);
		free(ch);
		if (r == AR_OK)
			sb_addf(out, "ok: %s", sb_str(&msg));
	} else if (er == PK_DENIED) {
		sb_addf(out, "denied: %s", sb_str(&msg));
		r = AR_DENIED;
	} else {
		sb_addf(out, _("error: line %d: %s"), lineno, sb_str(&msg));
		r = AR_ERROR;
	}
	sb_free(&msg);
	dt_rows_free(&before);
	dt_rows_free(&after);
	free(prof);
	free(prof_text);
done:
	action_free(&act);
	return r;
}
