/*
 * view.c - a past meeting opened for viewing (include/protokol/archive.h).
 *
 * The view is an app of its own, opened read-only and replayed in full; only its current
 * meeting and that meeting's item under view are set here, so the UI's panes show the
 * past meeting as they show the live one. Those two fields are the view's own state (it
 * is never given an action, and its store cannot write), which is why they are set
 * directly and not through the engine.
 */
#include "protokol/archive.h"
#include "protokol/i18n.h"

static struct pk_state *view_state(struct app *view)
{
        /* the view's own copy of the state; see the comment at the top */
        return (struct pk_state *)app_state(view);
}

void app_view_item(struct app *view, int item)
{
        struct pk_state *s = view_state(view);
        if (s->cur_meeting < 0)
                return;
        struct meeting *m = &s->meetings[s->cur_meeting];
        m->current = m->nitems ? m->order[0] : -1;
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == item)
                        m->current = i;
}

int app_view_switch(struct app *view, int meeting, int item, struct pk_err *err)
{
        struct pk_state *s = view_state(view);
        if (meeting < 1 || meeting > s->nmeetings) {
                pk_err_set(err, _("there is no meeting %d"), meeting);
                return -1;
        }
        if (s->meetings[meeting - 1].summary_only) {
                /* archived and not loaded in this view: load it (its events only) */
                if (app_load_meeting(view, meeting, err) < 0)
                        return -1;
                s = view_state(view);
        }
        s->cur_meeting = meeting - 1;
        s->cur_body = s->meetings[meeting - 1].body;
        app_view_item(view, item);
        return 0;
}

int app_view_meeting(const char *path, int meeting, int item, struct app **out, struct pk_err *err)
{
        *out = NULL;
        struct app *a;
        if (app_open(path, true, &a, err) < 0)
                return -1;
        if (app_view_switch(a, meeting, item, err) < 0) {
                app_close(&a);
                return -1;
        }
        *out = a;
        return 0;
}
