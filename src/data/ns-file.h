/* ns-file.h: reading a whole file that a user named, safely: regular files only (a FIFO or
 * /dev/zero would block or never end), up to a size limit checked before and while reading. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path into a NUL-terminated buffer (*length bytes, the NUL not counted). Refuses what is
 * not a regular file (after symlinks) and files over @max_size bytes, with G_FILE_ERROR
 * messages (NS_DATA_ERROR_TOO_LARGE for size) that begin with @path. */
gboolean ns_file_read_bounded (const char *path,
                               gsize max_size,
                               char **contents,
                               gsize *length,
                               GError **error);

/* Whether @path can be written before any work is done for it: an existing file must be a
 * regular one that is not write-protected, a new one needs an existing folder this user may
 * write in. The G_FILE_ERROR message begins with @path as given. */
gboolean ns_file_check_writable (const char *path, GError **error);

/* The folder of the installed data (…/share/neuroscope, holding lessons/ and datasets/):
 * $NEUROSCOPE_DATADIR when set (the source tree, under `meson devenv` and the tests); else the
 * one beside the running program (bin/../share/neuroscope), so that an installed copy moved
 * elsewhere or into a DESTDIR finds its own files; else PKGDATADIR, where `meson install`
 * puts them. The string lives as long as the program (interned). */
const char *ns_file_data_dir (void);

G_END_DECLS
