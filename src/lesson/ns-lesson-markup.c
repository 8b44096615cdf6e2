/* ns-lesson-markup.c: a step's prose (cmark's tree) as Pango markup for the lesson panel. Every
 * piece of text is escaped: a lesson that writes "a < b & c" shows just that. */
#include "config.h"

#include "ns-lesson-private.h"

#include <string.h>

/* Nesting beyond these (lists in lists, emphasis in links in emphasis…) is no lesson's: what
 * lies deeper is left out, so that a hostile file cannot exhaust the stack. */
#define MAX_BLOCK_DEPTH 16
#define MAX_INLINE_DEPTH 32

static void
append_escaped (GString *out, const char *text, gssize length)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", length);

  g_string_append (out, escaped);
}

static void
append_inlines (GString *out, cmark_node *parent, guint depth)
{
  if (depth > MAX_INLINE_DEPTH)
    return;
  for (cmark_node *node = cmark_node_first_child (parent); node != NULL;
       node = cmark_node_next (node))
    switch (cmark_node_get_type (node))
      {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE:
        append_escaped (out, cmark_node_get_literal (node), -1);
        break;
      case CMARK_NODE_SOFTBREAK:
        g_string_append_c (out, ' ');
        break;
      case CMARK_NODE_LINEBREAK:
        g_string_append_c (out, '\n');
        break;
      case CMARK_NODE_CODE:
        g_string_append (out, "<tt>");
        append_escaped (out, cmark_node_get_literal (node), -1);
        g_string_append (out, "</tt>");
        break;
      case CMARK_NODE_EMPH:
        g_string_append (out, "<i>");
        append_inlines (out, node, depth + 1);
        g_string_append (out, "</i>");
        break;
      case CMARK_NODE_STRONG:
        g_string_append (out, "<b>");
        append_inlines (out, node, depth + 1);
        g_string_append (out, "</b>");
        break;
      case CMARK_NODE_LINK:
        g_string_append (out, "<a href=\"");
        append_escaped (out, cmark_node_get_url (node), -1);
        g_string_append (out, "\">");
        append_inlines (out, node, depth + 1);
        g_string_append (out, "</a>");
        break;
      case CMARK_NODE_IMAGE: /* no pictures in the panel: its description */
      default:
        append_inlines (out, node, depth + 1);
        break;
      }
}

static void
append_indent (GString *out, guint depth)
{
  for (guint k = 0; k < depth; k++)
    g_string_append (out, "    ");
}

static void
append_list (GString *out, cmark_node *list, guint depth)
{
  gboolean numbered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  int number = cmark_node_get_list_start (list);

  if (depth > MAX_BLOCK_DEPTH)
    return;

  for (cmark_node *item = cmark_node_first_child (list); item != NULL;
       item = cmark_node_next (item), number++)
    {
      gboolean first = TRUE;

      if (item != cmark_node_first_child (list))
        g_string_append_c (out, '\n');
      append_indent (out, depth);
      if (numbered)
        g_string_append_printf (out, "%d. ", number);
      else
        g_string_append (out, "• ");
      /* The item's blocks: its first paragraph beside the bullet, the others (a nested list,
       * a second paragraph) on lines of their own, indented one level more. */
      for (cmark_node *block = cmark_node_first_child (item); block != NULL;
           block = cmark_node_next (block), first = FALSE)
        {
          if (!first)
            g_string_append_c (out, '\n');
          if (cmark_node_get_type (block) == CMARK_NODE_LIST)
            append_list (out, block, depth + 1);
          else
            {
              if (!first)
                append_indent (out, depth + 1);
              ns_lesson_markup_block (out, block, depth + 1);
            }
        }
    }
}

void
ns_lesson_markup_block (GString *out, cmark_node *node, guint depth)
{
  if (depth > MAX_BLOCK_DEPTH)
    return;
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      append_inlines (out, node, 0);
      break;
    case CMARK_NODE_HEADING:
      g_string_append (out, "<b>");
      append_inlines (out, node, 0);
      g_string_append (out, "</b>");
      break;
    case CMARK_NODE_LIST:
      append_list (out, node, depth);
      break;
    case CMARK_NODE_CODE_BLOCK:
      {
        const char *code = cmark_node_get_literal (node);
        gsize length = code != NULL ? strlen (code) : 0;

        while (length > 0 && (code[length - 1] == '\n' || code[length - 1] == '\r'))
          length--;
        g_string_append (out, "<tt>");
        append_escaped (out, code, (gssize) length);
        g_string_append (out, "</tt>");
        break;
      }
    case CMARK_NODE_HTML_BLOCK:
      {
        g_autofree char *html = g_strdup (cmark_node_get_literal (node));
        append_escaped (out, g_strstrip (html), -1);
        break;
      }
    case CMARK_NODE_THEMATIC_BREAK:
      g_string_append (out, "—");
      break;
    case CMARK_NODE_BLOCK_QUOTE:
    default:
      for (cmark_node *child = cmark_node_first_child (node); child != NULL;
           child = cmark_node_next (child))
        {
          if (child != cmark_node_first_child (node))
            g_string_append (out, "\n\n");
          ns_lesson_markup_block (out, child, depth + 1);
        }
      break;
    }
}

static void
append_plain (GString *out, cmark_node *parent, guint depth)
{
  if (depth > MAX_INLINE_DEPTH)
    return;
  for (cmark_node *node = cmark_node_first_child (parent); node != NULL;
       node = cmark_node_next (node))
    switch (cmark_node_get_type (node))
      {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        g_string_append (out, cmark_node_get_literal (node));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        g_string_append_c (out, ' ');
        break;
      default:
        append_plain (out, node, depth + 1);
        break;
      }
}

char *
ns_lesson_plain_text (cmark_node *node)
{
  GString *out = g_string_new (NULL);

  append_plain (out, node, 0);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}
