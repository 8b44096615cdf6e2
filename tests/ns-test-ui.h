/* ns-test-ui.h: waiting for the main loop in UI tests (run under Xvfb). */
#pragma once

#include <glib.h>

static G_GNUC_UNUSED gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until cond holds or ms milliseconds pass; then asserts cond. */
#define WAIT_UNTIL(cond, ms)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gboolean timed_out_ = FALSE;                                                                   \
    guint id_ = g_timeout_add (ms, flag_cb, &timed_out_);                                          \
    while (!(cond) && !timed_out_)                                                                 \
      g_main_context_iteration (NULL, TRUE);                                                       \
    if (!timed_out_)                                                                               \
      g_source_remove (id_);                                                                       \
    g_assert_true (cond);                                                                          \
  }                                                                                                \
  G_STMT_END

/* Runs the main loop for ms milliseconds. */
static G_GNUC_UNUSED void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
