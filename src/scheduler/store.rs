//! The control plane's one crash-safe store: SQLite in WAL mode with full fsync, holding JSON documents.
//!
//! Every decision that must survive a crash is written here *before* it is acted on (DESIGN.md, "Embedded
//! state"), so the store is the truth and memory is a cache. Documents are keyed by (kind, key) and written in
//! transactions: a batch of writes lands whole or not at all. An append-only event log records what happened
//! and when (attachments, launches, losses) so tests and operators can audit it.
//!
//! Safety rules: the data directory is locked for the life of the process, so a second server on the same
//! directory refuses to start; a store that fails SQLite's integrity check is reported and never overwritten.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::admin::LoggedEvent;

/// What can go wrong with the store. Messages say what to do, because the operator meets them at start-up.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the data directory {0} is in use by another pxfw server (its lock is held); stop that server or use another --data-dir"
    )]
    Locked(PathBuf),
    #[error(
        "the state store {path} is corrupted ({detail}); pxfw will not start on it and will not overwrite it. Restore it from a backup, or move it away to start empty"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "the state store {path} was written by a newer pxfw (schema {found}, this one knows {known}); upgrade pxfw"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "the state store cannot be written ({source}): is its disk full? Nothing was changed and nothing acted on; free space and retry"
    )]
    Full { source: rusqlite::Error },
    #[error("state store error ({context}): {source}")]
    Sql {
        context: String,
        source: rusqlite::Error,
    },
    #[error("a stored {kind} document `{key}` does not decode: {detail}")]
    Decode {
        kind: String,
        key: String,
        detail: String,
    },
}

fn sql(context: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |source| {
        // A full disk (or a file-size limit) is the most common write failure an operator can fix; say
        // it plainly.
        let full = matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure)
        );
        if full {
            return StoreError::Full { source };
        }
        StoreError::Sql {
            context: context.to_string(),
            source,
        }
    }
}

/// The schema this build writes.
const SCHEMA_VERSION: i64 = 1;

/// Document kinds. Keys are unique within a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Meta,
    Agent,
    Service,
    Volume,
    Repository,
    Snapshot,
    /// Marathon apps of the embedded control plane (installed packages' scheduler apps).
    App,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Meta => "meta",
            Kind::Agent => "agent",
            Kind::Service => "service",
            Kind::Volume => "volume",
            Kind::Repository => "repository",
            Kind::Snapshot => "snapshot",
            Kind::App => "app",
        }
    }
}

/// One write of a batch.
#[derive(Debug, Clone)]
pub enum Write {
    Put {
        kind: Kind,
        key: String,
        json: String,
    },
    Delete {
        kind: Kind,
        key: String,
    },
    Event {
        kind: String,
        json: String,
    },
}

impl Write {
    pub fn put<T: Serialize>(kind: Kind, key: impl Into<String>, value: &T) -> Write {
        Write::Put {
            kind,
            key: key.into(),
            json: serde_json::to_string(value).unwrap_or_else(|_| "null".into()),
        }
    }
    pub fn delete(kind: Kind, key: impl Into<String>) -> Write {
        Write::Delete {
            kind,
            key: key.into(),
        }
    }
    pub fn event<T: Serialize>(kind: impl Into<String>, value: &T) -> Write {
        Write::Event {
            kind: kind.into(),
            json: serde_json::to_string(value).unwrap_or_else(|_| "null".into()),
        }
    }
}

/// The open store. Cheap to share behind an `Arc`.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    // Held for the life of the store: the data directory's exclusive lock.
    _lock: File,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Store {
    /// Opens (or creates) `<data_dir>/state.db`, taking the directory's lock first.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let lock_path = data_dir.join("server.lock");
        let lock = File::create(&lock_path).map_err(|source| StoreError::DataDir {
            path: lock_path.clone(),
            source,
        })?;
        if lock.try_lock().is_err() {
            return Err(StoreError::Locked(data_dir.to_path_buf()));
        }
        let path = data_dir.join("state.db");
        let existed = path.exists();
        let conn = Connection::open(&path).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        if existed {
            let check: Result<String, _> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
            match check {
                Ok(ok) if ok == "ok" => {}
                Ok(detail) => return Err(StoreError::Corrupt { path, detail }),
                Err(e) => {
                    return Err(StoreError::Corrupt {
                        path,
                        detail: e.to_string(),
                    });
                }
            }
        }
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=FULL;
             PRAGMA foreign_keys=ON;
             CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,
                                              PRIMARY KEY (kind, key));
             CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL,
                                                kind TEXT NOT NULL, json TEXT NOT NULL);",
        )
        .map_err(|e| StoreError::Corrupt { path: path.clone(), detail: e.to_string() })?;
        let store = Store {
            conn: Mutex::new(conn),
            path,
            _lock: lock,
        };
        match store.get_raw(Kind::Meta, "schema")? {
            None => store.write(vec![Write::put(Kind::Meta, "schema", &SCHEMA_VERSION)])?,
            Some(v) => {
                let found: i64 = v.parse().unwrap_or(i64::MAX);
                if found > SCHEMA_VERSION {
                    return Err(StoreError::TooNew {
                        path: store.path.clone(),
                        found,
                        known: SCHEMA_VERSION,
                    });
                }
            }
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions roll back), so the
        // poisoned guard is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get_raw(&self, kind: Kind, key: &str) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row(
                "SELECT json FROM docs WHERE kind = ?1 AND key = ?2",
                params![kind.as_str(), key],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql("read"))
    }

    /// One document, decoded.
    pub fn get<T: DeserializeOwned>(&self, kind: Kind, key: &str) -> Result<Option<T>, StoreError> {
        match self.get_raw(kind, key)? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StoreError::Decode {
                    kind: kind.as_str().into(),
                    key: key.into(),
                    detail: e.to_string(),
                }),
        }
    }

    /// Every document of a kind, sorted by key.
    pub fn list<T: DeserializeOwned>(&self, kind: Kind) -> Result<Vec<(String, T)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT key, json FROM docs WHERE kind = ?1 ORDER BY key")
            .map_err(sql("list"))?;
        let rows = stmt
            .query_map(params![kind.as_str()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(sql("list"))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, json) = row.map_err(sql("list"))?;
            let value = serde_json::from_str(&json).map_err(|e| StoreError::Decode {
                kind: kind.as_str().into(),
                key: key.clone(),
                detail: e.to_string(),
            })?;
            out.push((key, value));
        }
        Ok(out)
    }

    /// Applies a batch atomically and durably (fsync'd before returning).
    pub fn write(&self, batch: Vec<Write>) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(sql("begin"))?;
        let ts = now_ms();
        for w in &batch {
            match w {
                Write::Put { kind, key, json } => {
                    tx.execute(
                        "INSERT INTO docs (kind, key, json) VALUES (?1, ?2, ?3)
                         ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json",
                        params![kind.as_str(), key, json],
                    )
                    .map_err(sql("write"))?;
                }
                Write::Delete { kind, key } => {
                    tx.execute(
                        "DELETE FROM docs WHERE kind = ?1 AND key = ?2",
                        params![kind.as_str(), key],
                    )
                    .map_err(sql("delete"))?;
                }
                Write::Event { kind, json } => {
                    tx.execute(
                        "INSERT INTO events (ts_ms, kind, json) VALUES (?1, ?2, ?3)",
                        params![ts, kind, json],
                    )
                    .map_err(sql("event"))?;
                }
            }
        }
        tx.commit().map_err(sql("commit"))
    }

    /// Events of a kind (all kinds when `None`) after sequence number `after`.
    /// They are read back as the admin API serves them (`GET /pxfw/v1/events`).
    pub fn events(&self, kind: Option<&str>, after: i64) -> Result<Vec<LoggedEvent>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT seq, ts_ms, kind, json FROM events WHERE seq > ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY seq")
            .map_err(sql("events"))?;
        let rows = stmt
            .query_map(params![after, kind], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(sql("events"))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, ts_ms, kind, json) = row.map_err(sql("events"))?;
            out.push(LoggedEvent {
                seq,
                ts_ms,
                kind,
                data: serde_json::from_str(&json).unwrap_or(serde_json::Value::Null),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_persist_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            s.write(vec![
                Write::put(Kind::Service, "a", &serde_json::json!({"n": 1})),
                Write::put(Kind::Service, "b", &serde_json::json!({"n": 2})),
                Write::event("attach", &serde_json::json!({"volume": "v"})),
            ])
            .unwrap();
            s.write(vec![Write::delete(Kind::Service, "a")]).unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        let all: Vec<(String, serde_json::Value)> = s.list(Kind::Service).unwrap();
        assert_eq!(all, vec![("b".to_string(), serde_json::json!({"n": 2}))]);
        let ev = s.events(Some("attach"), 0).unwrap();
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].data["volume"], "v");
    }

    #[test]
    fn a_second_open_of_the_same_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let _first = Store::open(dir.path()).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Locked(_)), "{err}");
    }

    #[test]
    fn a_corrupted_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.db");
        std::fs::write(
            &db,
            b"this is not a sqlite database, but it is somebody's data",
        )
        .unwrap();
        let before = std::fs::read(&db).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert_eq!(std::fs::read(&db).unwrap(), before);
    }
}
