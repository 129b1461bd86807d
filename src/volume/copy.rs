//! Copies a directory tree for snapshots, restores and clones: with reflinks (`FICLONE`) when the
//! filesystem can share extents, else byte for byte.
//!
//! Why a hand-written walk rather than `cp -a`: the caller needs to know which method was used (it is
//! recorded with the snapshot), the copy must fall back as a whole (a snapshot is either all reflinks or
//! a plain copy, never a mix that would make the recorded method a lie), and errors must name the file.
//!
//! What is preserved: the directory structure, file contents, permission bits (set after a directory's
//! content, so read-only directories work), modification times of files, symlinks (as symlinks, never
//! followed), fifos, and ownership when the process may change it. Sockets are skipped (they are only
//! meaningful to the process that bound them); device nodes are refused. Hard links become separate files.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// How to copy file contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CopyMode {
    Reflink,
    Copy,
}

/// A copy that failed, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub(crate) struct CopyError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> CopyError + '_ {
    move |source| CopyError {
        path: path.to_owned(),
        source,
    }
}

/// Copies the directory `src` to `dst` (which must not exist). With [`CopyMode::Reflink`], the first file
/// the filesystem cannot clone makes the whole copy start again as a plain copy. Returns the mode used.
pub(crate) fn copy_tree(src: &Path, dst: &Path, mode: CopyMode) -> Result<CopyMode, CopyError> {
    if mode == CopyMode::Reflink {
        match walk(src, dst, CopyMode::Reflink) {
            Ok(()) => return Ok(CopyMode::Reflink),
            Err(Walk::Unsupported) => {
                fs::remove_dir_all(dst).map_err(at(dst))?;
            }
            Err(Walk::Failed(e)) => return Err(e),
        }
    }
    match walk(src, dst, CopyMode::Copy) {
        Ok(()) => Ok(CopyMode::Copy),
        Err(Walk::Failed(e)) => Err(e),
        Err(Walk::Unsupported) => Err(CopyError {
            path: dst.to_owned(),
            source: io::Error::other("a plain copy asked for a reflink"),
        }),
    }
}

/// Whether the filesystem holding `dir` can reflink: tries `FICLONE` on two scratch files there.
pub(crate) fn reflink_supported(dir: &Path) -> bool {
    let probe = || -> io::Result<bool> {
        let scratch = tempfile::Builder::new()
            .prefix(".reflink-probe-")
            .tempdir_in(dir)?;
        let src_path = scratch.path().join("src");
        fs::write(&src_path, b"probe")?;
        let src = File::open(&src_path)?;
        let dst = File::create(scratch.path().join("dst"))?;
        Ok(ficlone(&src, &dst).is_ok())
    };
    probe().unwrap_or(false)
}

enum Walk {
    /// A reflink was refused because the filesystem (or this pair of files) cannot share extents.
    Unsupported,
    Failed(CopyError),
}

impl From<CopyError> for Walk {
    fn from(e: CopyError) -> Self {
        Walk::Failed(e)
    }
}

fn walk(src: &Path, dst: &Path, mode: CopyMode) -> Result<(), Walk> {
    let root_meta = fs::symlink_metadata(src).map_err(at(src))?;
    if !root_meta.is_dir() {
        return Err(Walk::Failed(CopyError {
            path: src.to_owned(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a directory"),
        }));
    }
    fs::create_dir(dst).map_err(at(dst))?;
    // Directories get their modes after their content is in place (a read-only directory could not be
    // filled otherwise); kept in creation order and applied in reverse, children before parents.
    let mut dirs: Vec<(PathBuf, fs::Metadata)> = vec![(dst.to_owned(), root_meta)];
    let mut pending: Vec<(PathBuf, PathBuf)> = vec![(src.to_owned(), dst.to_owned())];
    while let Some((from_dir, to_dir)) = pending.pop() {
        for entry in fs::read_dir(&from_dir).map_err(at(&from_dir))? {
            let entry = entry.map_err(at(&from_dir))?;
            let from = entry.path();
            let to = to_dir.join(entry.file_name());
            let meta = fs::symlink_metadata(&from).map_err(at(&from))?;
            let kind = meta.file_type();
            if kind.is_dir() {
                fs::create_dir(&to).map_err(at(&to))?;
                dirs.push((to.clone(), meta));
                pending.push((from, to));
            } else if kind.is_file() {
                copy_file(&from, &to, &meta, mode)?;
            } else if kind.is_symlink() {
                let target = fs::read_link(&from).map_err(at(&from))?;
                std::os::unix::fs::symlink(&target, &to).map_err(at(&to))?;
                keep_owner(&to, &meta);
            } else if kind.is_fifo() {
                make_fifo(&to, meta.mode())?;
                keep_owner(&to, &meta);
            } else if kind.is_socket() {
                tracing::debug!("not copying socket {}", from.display());
            } else {
                return Err(Walk::Failed(CopyError {
                    path: from,
                    source: io::Error::new(
                        io::ErrorKind::Unsupported,
                        "device nodes cannot be copied into a snapshot; remove it from the volume",
                    ),
                }));
            }
        }
    }
    for (dir, meta) in dirs.iter().rev() {
        keep_owner(dir, meta);
        fs::set_permissions(dir, fs::Permissions::from_mode(meta.mode() & 0o7777))
            .map_err(at(dir))?;
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path, meta: &fs::Metadata, mode: CopyMode) -> Result<(), Walk> {
    let src = File::open(from).map_err(at(from))?;
    let dst = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(to)
        .map_err(at(to))?;
    match mode {
        CopyMode::Reflink => {
            if let Err(e) = ficlone(&src, &dst) {
                return Err(if is_unsupported(&e) {
                    Walk::Unsupported
                } else {
                    Walk::Failed(CopyError {
                        path: from.to_owned(),
                        source: e,
                    })
                });
            }
        }
        CopyMode::Copy => {
            let (mut src, mut dst) = (&src, &dst);
            io::copy(&mut src, &mut dst).map_err(at(from))?;
        }
    }
    if let Ok(modified) = meta.modified() {
        dst.set_modified(modified).map_err(at(to))?;
    }
    drop(dst);
    keep_owner(to, meta);
    fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777)).map_err(at(to))?;
    Ok(())
}

/// `ioctl(dst, FICLONE, src)`: makes `dst` share `src`'s extents.
fn ficlone(src: &File, dst: &File) -> io::Result<()> {
    // SAFETY: both descriptors are open files owned by the caller for the duration of the call; FICLONE
    // takes the source descriptor as its integer argument and touches no memory of ours.
    let rc = unsafe { libc::ioctl(dst.as_raw_fd(), libc::FICLONE, src.as_raw_fd()) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Errors meaning "this filesystem (or this pair of files) cannot reflink", as opposed to a real failure.
fn is_unsupported(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EOPNOTSUPP | libc::ENOTTY | libc::EINVAL | libc::EXDEV | libc::ENOSYS)
    )
}

fn make_fifo(path: &Path, mode: u32) -> Result<(), Walk> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(|_| {
        Walk::Failed(CopyError {
            path: path.to_owned(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "path contains a NUL byte"),
        })
    })?;
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    let rc = unsafe { libc::mkfifo(c_path.as_ptr(), (mode & 0o7777) as libc::mode_t) };
    if rc == 0 {
        Ok(())
    } else {
        Err(Walk::Failed(CopyError {
            path: path.to_owned(),
            source: io::Error::last_os_error(),
        }))
    }
}

/// Gives `path` the owner of the original when this process may (it runs as root); otherwise the copy
/// belongs to the process, which is what an unprivileged copy can do.
fn keep_owner(path: &Path, meta: &fs::Metadata) {
    if let Err(e) = std::os::unix::fs::lchown(path, Some(meta.uid()), Some(meta.gid()))
        && e.raw_os_error() != Some(libc::EPERM)
    {
        tracing::debug!("cannot keep the owner of {}: {e}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_contents_modes_links_and_fifos() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("a/b")).unwrap();
        fs::write(src.join("a/b/file"), b"hello").unwrap();
        fs::write(src.join("exec"), b"#!/bin/sh\n").unwrap();
        fs::set_permissions(src.join("exec"), fs::Permissions::from_mode(0o751)).unwrap();
        std::os::unix::fs::symlink("a/b/file", src.join("link")).unwrap();
        std::os::unix::fs::symlink("/nonexistent", src.join("dangling")).unwrap();
        make_fifo(&src.join("pipe"), 0o640).ok().unwrap();
        fs::set_permissions(src.join("a"), fs::Permissions::from_mode(0o500)).unwrap();

        for mode in [CopyMode::Reflink, CopyMode::Copy] {
            let dst = dir.path().join(format!("dst-{mode:?}"));
            let used = copy_tree(&src, &dst, mode).unwrap();
            if mode == CopyMode::Copy {
                assert_eq!(used, CopyMode::Copy);
            } else {
                assert_eq!(used == CopyMode::Reflink, reflink_supported(dir.path()));
            }
            assert_eq!(fs::read(dst.join("a/b/file")).unwrap(), b"hello");
            let m = |p: &str| fs::symlink_metadata(dst.join(p)).unwrap();
            assert_eq!(m("exec").mode() & 0o7777, 0o751);
            assert_eq!(m("a").mode() & 0o7777, 0o500);
            assert_eq!(
                fs::read_link(dst.join("link")).unwrap(),
                Path::new("a/b/file")
            );
            assert_eq!(
                fs::read_link(dst.join("dangling")).unwrap(),
                Path::new("/nonexistent")
            );
            assert!(m("pipe").file_type().is_fifo());
            assert_eq!(
                m("exec").modified().unwrap(),
                fs::metadata(src.join("exec")).unwrap().modified().unwrap()
            );
        }
    }

    #[test]
    fn the_destination_must_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("src")).unwrap();
        fs::create_dir(dir.path().join("dst")).unwrap();
        let e = copy_tree(
            &dir.path().join("src"),
            &dir.path().join("dst"),
            CopyMode::Copy,
        )
        .unwrap_err();
        assert!(e.path.ends_with("dst"), "{e}");
    }
}
