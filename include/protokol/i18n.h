/*
 * i18n.h - message translation. Every user-visible string goes through _()
 * (or N_() where it is only marked, in a table, and translated at use).
 */
#ifndef PROTOKOL_I18N_H
#define PROTOKOL_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
