/* Writing files through a temporary file (lib/base/fileio.c): permissions under the umask, a replaced
 * file's mode and owner, symbolic links written through, temporaries of killed writers removed. */
/* mkdtemp, symlink, readlink, scandir, kill; setgroups */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#include "fileio.h"

static char dir[64];

static void make_dir(void)
{
  snprintf(dir, sizeof dir, "/tmp/tertial-fileio-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* dir/name in a static buffer (one of four, so a few can be used at once). */
static const char *in_dir(const char *name)
{
  static char bufs[4][512];
  static int next;
  char *b = bufs[next++ % 4];
  snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
  return b;
}

static const char *slurp(const char *path)
{
  static char buf[4096];
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot read %s", path);
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static void put(const char *path, const char *text)
{
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

static mode_t mode_of(const char *path)
{
  struct stat st;
  ck_assert_int_eq(stat(path, &st), 0);
  return st.st_mode & 07777;
}

/* The names in dir, sorted and joined with ' ' (hidden ones too, but not . and ..). */
static const char *listing(const char *folder)
{
  static char buf[2048];
  struct dirent **names;
  int n = scandir(folder, &names, NULL, alphasort);
  ck_assert_int_ge(n, 0);
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
      if (buf[0])
        strcat(buf, " ");
      strcat(buf, names[i]->d_name);
    }
    free(names[i]);
  }
  free(names);
  return buf;
}

/* Remove dir and what the tests left in it (one level of folders). */
static void remove_dir(void)
{
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    const char *p = in_dir(e->d_name);
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
      DIR *sub = opendir(p);
      for (struct dirent *s; sub && (s = readdir(sub));) {
        char q[1024];
        snprintf(q, sizeof q, "%s/%s", p, s->d_name);
        if (s->d_name[0] != '.' || (strcmp(s->d_name, ".") && strcmp(s->d_name, "..")))
          unlink(q);
      }
      if (sub)
        closedir(sub);
      rmdir(p);
    } else {
      unlink(p);
    }
  }
  if (d)
    closedir(d);
  rmdir(dir);
}

/* A small report for the xlsx path, which writes through tertial__temp_file_for() and
 * tertial__commit_file() rather than tertial__write_file_atomic(). */
static void write_xlsx(const char *path)
{
  tertial_model *m;
  tertial_unit_id p = small_model(&m, KR(1400), 1, KR(1000));
  tertial_report *r;
  T_OK(tertial_forecast_apply(m, 1, -1));
  T_OK(tertial_report_new(&r, m, p, 1, NULL));
  T_OK(tertial_render_xlsx(r, path, NULL));
  tertial_report_free(r);
  tertial_model_free(m);
}

/* A new file gets 0666 less the umask, as open(2) would give it (it was always 0644). */
START_TEST(test_new_file_honours_umask)
{
  make_dir();
  mode_t old = umask(027);
  T_OK(tertial__write_file_atomic(in_dir("a.csv"), "x\n", 2));
  ck_assert_uint_eq(mode_of(in_dir("a.csv")), 0640);
  write_xlsx(in_dir("a.xlsx"));
  ck_assert_uint_eq(mode_of(in_dir("a.xlsx")), 0640);
  umask(077);
  T_OK(tertial__write_file_atomic(in_dir("b.csv"), "x\n", 2));
  ck_assert_uint_eq(mode_of(in_dir("b.csv")), 0600);
  umask(0);
  T_OK(tertial__write_file_atomic(in_dir("c.csv"), "x\n", 2));
  ck_assert_uint_eq(mode_of(in_dir("c.csv")), 0666);
  umask(old);
  ck_assert_str_eq(listing(dir), "a.csv a.xlsx b.csv c.csv");
  remove_dir();
}
END_TEST

/* A replaced file keeps its mode whatever the umask, and (as root) its owner and group. */
START_TEST(test_replaced_file_keeps_mode_and_owner)
{
  make_dir();
  mode_t old = umask(022);
  put(in_dir("p.csv"), "old\n");
  ck_assert_int_eq(chmod(in_dir("p.csv"), 0600), 0);
  T_OK(tertial__write_file_atomic(in_dir("p.csv"), "new\n", 4));
  ck_assert_str_eq(slurp(in_dir("p.csv")), "new\n");
  ck_assert_uint_eq(mode_of(in_dir("p.csv")), 0600);
  /* wider than the umask gives: kept as well */
  ck_assert_int_eq(chmod(in_dir("p.csv"), 0664), 0);
  umask(077);
  write_xlsx(in_dir("p.csv"));
  ck_assert_uint_eq(mode_of(in_dir("p.csv")), 0664);
  umask(old);
  if (geteuid() == 0) {
    ck_assert_int_eq(chown(in_dir("p.csv"), 1234, 4321), 0);
    T_OK(tertial__write_file_atomic(in_dir("p.csv"), "root\n", 5));
    struct stat st;
    ck_assert_int_eq(stat(in_dir("p.csv"), &st), 0);
    ck_assert_uint_eq(st.st_uid, 1234);
    ck_assert_uint_eq(st.st_gid, 4321);
    ck_assert_uint_eq(st.st_mode & 07777, 0664);
    ck_assert_str_eq(slurp(in_dir("p.csv")), "root\n");
  } else {
    printf("# not root: keeping another user's ownership not tested\n");
  }
  ck_assert_str_eq(listing(dir), "p.csv");
  remove_dir();
}
END_TEST

/* A writer that cannot keep the old file's group (not a member of it) must not open the file
 * to its own group: the group's permissions become those of others. Needs root to set up. */
START_TEST(test_group_not_kept)
{
  if (geteuid() != 0) {
    printf("# not root: a writer that cannot keep the group not tested\n");
    return;
  }
  make_dir();
  ck_assert_int_eq(chmod(dir, 0777), 0);
  put(in_dir("g.csv"), "old\n");
  ck_assert_int_eq(chown(in_dir("g.csv"), 65534, 0), 0);
  ck_assert_int_eq(chmod(in_dir("g.csv"), 0640), 0);
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    /* nobody, who owns the file but is not in group 0 */
    if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
      _exit(2);
    _exit(tertial__write_file_atomic(in_dir("g.csv"), "new\n", 4) == 0 ? 0 : 1);
  }
  int status;
  ck_assert_int_eq(waitpid(child, &status, 0), child);
  ck_assert_int_eq(WEXITSTATUS(status), 0);
  struct stat st;
  ck_assert_int_eq(stat(in_dir("g.csv"), &st), 0);
  ck_assert_uint_eq(st.st_uid, 65534);
  ck_assert_uint_eq(st.st_gid, 65534);
  ck_assert_uint_eq(st.st_mode & 07777, 0600);
  ck_assert_str_eq(slurp(in_dir("g.csv")), "new\n");
  remove_dir();
}
END_TEST

/* A symbolic link is written through: its target gets the new text (keeping its mode), the
 * link stays a link, and the temporary file is made beside the target (another folder here). */
START_TEST(test_symlink_written_through)
{
  make_dir();
  ck_assert_int_eq(mkdir(in_dir("real"), 0755), 0);
  put(in_dir("real/r.csv"), "old\n");
  ck_assert_int_eq(chmod(in_dir("real/r.csv"), 0640), 0);
  ck_assert_int_eq(symlink("real/r.csv", in_dir("link.csv")), 0);
  T_OK(tertial__write_file_atomic(in_dir("link.csv"), "new\n", 4));
  struct stat st;
  ck_assert_int_eq(lstat(in_dir("link.csv"), &st), 0);
  ck_assert(S_ISLNK(st.st_mode));
  char target[64];
  ssize_t n = readlink(in_dir("link.csv"), target, sizeof target - 1);
  ck_assert_int_eq(n, 10);
  target[n] = '\0';
  ck_assert_str_eq(target, "real/r.csv");
  ck_assert_str_eq(slurp(in_dir("real/r.csv")), "new\n");
  ck_assert_uint_eq(mode_of(in_dir("real/r.csv")), 0640);
  write_xlsx(in_dir("link.csv"));
  ck_assert_int_eq(lstat(in_dir("link.csv"), &st), 0);
  ck_assert(S_ISLNK(st.st_mode));
  ck_assert_str_eq(listing(dir), "link.csv real");
  ck_assert_str_eq(listing(in_dir("real")), "r.csv");
  /* A link to nothing is not written through (as cp refuses): an error and no file made. */
  ck_assert_int_eq(symlink("real/missing.csv", in_dir("dangling.csv")), 0);
  T_ERR(tertial__write_file_atomic(in_dir("dangling.csv"), "x", 1), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "dangling.csv is a symbolic link to a missing file"));
  ck_assert_str_eq(listing(dir), "dangling.csv link.csv real");
  ck_assert_str_eq(listing(in_dir("real")), "r.csv");
  /* Neither is anything but a regular file replaced. */
  ck_assert_int_eq(symlink("/dev/null", in_dir("null.csv")), 0);
  T_ERR(tertial__write_file_atomic(in_dir("null.csv"), "x", 1), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "not a regular file"));
  remove_dir();
}
END_TEST

/* A child's end: wait for SIGKILL. Should the test fail first, the child lets go of the test's
 * output (so no reader waits for it) and ends by itself within a minute. */
static void wait_to_be_killed(void)
{
  close(STDOUT_FILENO);
  close(STDERR_FILENO);
  alarm(60);
  for (;;)
    pause();
}

/* The process id of a process that has exited and been reaped. */
static pid_t dead_pid(void)
{
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0)
    _exit(0);
  ck_assert_int_eq(waitpid(child, NULL, 0), child);
  return child;
}

/* Temporaries of the same file whose writer is gone are removed by the next write; a running
 * writer's temporary, another file's temporaries and other hidden files stay. */
START_TEST(test_stale_temporaries_removed)
{
  make_dir();
  char name[128];
  pid_t dead = dead_pid();
  snprintf(name, sizeof name, ".r.csv.tertial-%ld-abc123", (long)dead);
  put(in_dir(name), "half");
  snprintf(name, sizeof name, ".other.csv.tertial-%ld-abc123", (long)dead);
  put(in_dir(name), "half");
  put(in_dir(".r.csv.tertial-notapid-abc123"), "keep");
  pid_t live = fork();
  ck_assert_int_ge(live, 0);
  if (live == 0)
    wait_to_be_killed();
  snprintf(name, sizeof name, ".r.csv.tertial-%ld-def456", (long)live);
  put(in_dir(name), "running");
  T_OK(tertial__write_file_atomic(in_dir("r.csv"), "done\n", 5));
  char want[512];
  snprintf(want, sizeof want, ".other.csv.tertial-%ld-abc123 .r.csv.tertial-%ld-def456 .r.csv.tertial-notapid-abc123 r.csv",
           (long)dead, (long)live);
  ck_assert_str_eq(listing(dir), want);
  kill(live, SIGKILL);
  waitpid(live, NULL, 0);
  /* Once that writer is gone too, the next write (of an xlsx here) removes its temporary. */
  write_xlsx(in_dir("r.csv"));
  snprintf(want, sizeof want, ".other.csv.tertial-%ld-abc123 .r.csv.tertial-notapid-abc123 r.csv", (long)dead);
  ck_assert_str_eq(listing(dir), want);
  remove_dir();
}
END_TEST

/* A writer killed with SIGKILL in the middle of writing leaves its temporary; the next write
 * of the file removes it. */
START_TEST(test_killed_writer)
{
  make_dir();
  put(in_dir("k.csv"), "old\n");
  int ready[2];
  ck_assert_int_eq(pipe(ready), 0);
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    char *temp = NULL;
    if (tertial__temp_file_for(&temp, in_dir("k.csv")) != 0)
      _exit(1);
    FILE *f = fopen(temp, "wb");
    fputs("half a rep", f);
    fflush(f);
    if (write(ready[1], "1", 1) != 1)
      _exit(1);
    wait_to_be_killed();
  }
  char c;
  ck_assert_int_eq(read(ready[0], &c, 1), 1);
  ck_assert_int_eq(kill(child, SIGKILL), 0);
  int status;
  ck_assert_int_eq(waitpid(child, &status, 0), child);
  ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  char want[128];
  snprintf(want, sizeof want, ".k.csv.tertial-%ld-", (long)child);
  const char *before = listing(dir);
  ck_assert_msg(strncmp(before, want, strlen(want)) == 0 && strstr(before, " k.csv"), "after the kill: %s", before);
  ck_assert_str_eq(slurp(in_dir("k.csv")), "old\n");
  T_OK(tertial__write_file_atomic(in_dir("k.csv"), "new\n", 4));
  ck_assert_str_eq(listing(dir), "k.csv");
  ck_assert_str_eq(slurp(in_dir("k.csv")), "new\n");
  close(ready[0]);
  close(ready[1]);
  remove_dir();
}
END_TEST

int main(void)
{
  Suite *s = suite_create("fileio");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_new_file_honours_umask);
  tcase_add_test(tc, test_replaced_file_keeps_mode_and_owner);
  tcase_add_test(tc, test_group_not_kept);
  tcase_add_test(tc, test_symlink_written_through);
  tcase_add_test(tc, test_stale_temporaries_removed);
  tcase_add_test(tc, test_killed_writer);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
