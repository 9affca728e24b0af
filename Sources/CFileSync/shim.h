#ifndef LAKESQL_CFILESYNC_SHIM_H
#define LAKESQL_CFILESYNC_SHIM_H

#ifdef __linux__
/* glibc's sync_file_range(2); <fcntl.h> declares it only under _GNU_SOURCE. */
extern int sync_file_range(int fd, long long offset, long long nbytes, unsigned int flags);

/* Starts writing a range of a file's dirty pages to disk without waiting for it
   (SYNC_FILE_RANGE_WRITE), so a later fsync has less left to wait for. */
static inline int lakesql_start_writeback(int fd, long long offset, long long length) {
    return sync_file_range(fd, offset, length, 2u);
}
#else
static inline int lakesql_start_writeback(int fd, long long offset, long long length) {
    (void)fd; (void)offset; (void)length;
    return 0;
}
#endif

#endif
