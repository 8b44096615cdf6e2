/* ns-file.c: bounded reading of a named file, the installed data's folder (ns-file.h). */
#include "config.h"

#include "ns-file.h"

#include "ns-dataset.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean
set_errno_error (GError **error, int saved_errno, const char *path, const char *doing)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s: %s", path,
               doing, g_strerror (saved_errno));
  return FALSE;
}

gboolean
ns_file_read_bounded (const char *path,
                      gsize max_size,
                      char **contents,
                      gsize *length,
                      GError **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize size, filled = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, path, "cannot open");
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return set_errno_error (error, saved, path, "cannot read");
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: not a regular file (a device, a pipe or a folder); expected a file", path);
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                   "%s: the file has %" G_GUINT64_FORMAT " bytes; at most %" G_GSIZE_FORMAT
                   " are accepted",
                   path, (guint64) st.st_size, max_size);
      return FALSE;
    }

  /* The size may change while we read: never read more than max_size, whatever stat said. */
  size = (gsize) st.st_size;
  buffer = g_malloc (size + 1);
  for (;;)
    {
      gssize got;

      if (filled == size)
        {
          char probe;

          /* At the size stat gave: a file that grew since is refused rather than cut. */
          got = read (fd, &probe, 1);
          if (got == 0)
            break;
          if (got < 0 && errno == EINTR)
            continue;
          close (fd);
          if (got < 0)
            return set_errno_error (error, errno, path, "cannot read");
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "%s: the file changed while it was read", path);
          return FALSE;
        }
      got = read (fd, buffer + filled, size - filled);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          close (fd);
          return set_errno_error (error, saved, path, "cannot read");
        }
      if (got == 0)
        break; /* shrank: what there is */
      filled += (gsize) got;
    }
  close (fd);
  buffer[filled] = '\0';
  *length = filled;
  *contents = g_steal_pointer (&buffer);
  return TRUE;
}

gboolean
ns_file_check_writable (const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "“”: cannot write: no file name");
      return FALSE;
    }
  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: cannot write: not a regular file", path);
          return FALSE;
        }
      /* The writers replace a file by rename, which needs only the folder's permission: the
       * file's own is what says the user wants it kept. */
      if ((st.st_mode & 0222) == 0 || g_access (path, W_OK) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                       "%s: cannot write: the file is write-protected", path);
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    return set_errno_error (error, errno, path, "cannot write");

  dir = g_path_get_dirname (path);
  if (g_stat (dir, &st) != 0)
    {
      int saved = errno;

      if (saved != ENOENT)
        return set_errno_error (error, saved, path, "cannot write");
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "%s: cannot write: the folder %s does not exist", path, dir);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR, "%s: cannot write: %s is not a folder",
                   path, dir);
      return FALSE;
    }
  if (g_access (dir, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   "%s: cannot write: no permission to create files in the folder %s", path, dir);
      return FALSE;
    }
  return TRUE;
}

/* The installed data folder relative to the running program, or NULL when /proc/self/exe
 * cannot be read (not Linux) or no such folder is there. */
static char *
data_dir_beside_program (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_autofree char *dir = NULL;

  if (program == NULL || !g_path_is_absolute (program))
    return NULL;
  bindir = g_path_get_dirname (program);
  if (g_path_is_absolute (NS_PKGDATADIR_FROM_BINDIR))
    dir = g_strdup (NS_PKGDATADIR_FROM_BINDIR);
  else
    dir = g_build_filename (bindir, NS_PKGDATADIR_FROM_BINDIR, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_canonicalize_filename (dir, NULL);
}

const char *
ns_file_data_dir (void)
{
  const char *dir = g_getenv ("NEUROSCOPE_DATADIR");
  g_autofree char *beside = NULL;

  if (dir != NULL && *dir != '\0')
    return g_intern_string (dir);
  if ((beside = data_dir_beside_program ()) != NULL)
    return g_intern_string (beside);
  return PKGDATADIR;
}
