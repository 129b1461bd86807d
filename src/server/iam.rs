//! IAM as the DC/OS CLI meets it (contracts/dcos-cosmos-marathon-cli.md §5): `POST /acs/api/v1/auth/login`
//! with `{"uid","password"}` for users configured on the server returns `{"token": <ACS token>}`, and the
//! provider list tells the real DC/OS CLI which login flow to run.
//!
//! Tokens are HS256 JWTs (`{"uid","exp","iat"}`) signed with a secret kept in the data directory, so they
//! survive a server restart and expire on their own. DC/OS signs RS256 with keys held by its IAM service; a
//! client only ever passes the token back, so the algorithm is invisible to it. Passwords are held in memory
//! only as SHA-256 digests and compared in constant time; they are never logged or stored.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AppState;

/// How long an ACS token issued here is valid (DC/OS issues five-day tokens).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(5 * 24 * 3600);

/// The login path, as Admin Router routes it.
pub const LOGIN_PATH: &str = "/acs/api/v1/auth/login";

/// Why a login or a token was refused.
#[derive(Debug, thiserror::Error)]
pub enum IamError {
    #[error("the user id or password is wrong")]
    BadCredentials,
    #[error(
        "this pxfw server has no users; start it with --user NAME --password-env VAR (or --users-file FILE), or use the server token"
    )]
    NoUsers,
    #[error(
        "service-account and OIDC logins are not supported by a pxfw server; log in with a user id and password"
    )]
    UnsupportedLogin,
    #[error("the login request is not valid JSON with `uid` and `password`: {0}")]
    BadRequest(String),
    #[error("the authentication token has expired; run `pxfw auth login` again")]
    Expired,
    #[error("the authentication token is not valid for this server: {0}")]
    InvalidToken(String),
    #[error("cannot sign the token: {0}")]
    Sign(String),
}

impl IamError {
    /// The IAM error body (`{"title","description","code"}`) with its status.
    fn response(&self) -> Response {
        let (status, title, code) = match self {
            IamError::BadCredentials | IamError::NoUsers => (
                StatusCode::UNAUTHORIZED,
                "Invalid credentials",
                "ERR_INVALID_CREDENTIALS",
            ),
            IamError::UnsupportedLogin | IamError::BadRequest(_) => {
                (StatusCode::BAD_REQUEST, "Bad request", "ERR_INVALID_DATA")
            }
            IamError::Expired | IamError::InvalidToken(_) => (
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "ERR_INVALID_TOKEN",
            ),
            IamError::Sign(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error",
                "ERR_INTERNAL",
            ),
        };
        iam_error(status, title, &self.to_string(), code)
    }
}

/// An IAM-shaped error response.
pub fn iam_error(status: StatusCode, title: &str, description: &str, code: &str) -> Response {
    (
        status,
        axum::Json(serde_json::json!({"title": title, "description": description, "code": code})),
    )
        .into_response()
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    uid: String,
    exp: u64,
    iat: u64,
}

/// The server's users and token signer.
pub struct Iam {
    secret: Vec<u8>,
    /// uid → SHA-256 of the password.
    users: BTreeMap<String, [u8; 32]>,
    ttl: Duration,
}

impl std::fmt::Debug for Iam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iam")
            .field("users", &self.users.keys().collect::<Vec<_>>())
            .field("ttl", &self.ttl)
            .finish()
    }
}

fn digest(password: &str) -> [u8; 32] {
    Sha256::digest(password.as_bytes()).into()
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Iam {
    /// Loads (or creates) the signing secret at `secret_file` and takes the configured users.
    pub fn new(
        secret_file: &Path,
        users: &[(String, String)],
        ttl: Duration,
    ) -> anyhow::Result<Iam> {
        let secret = super::token::load_or_create(secret_file)?.into_bytes();
        Ok(Iam {
            secret,
            users: users
                .iter()
                .map(|(uid, pw)| (uid.clone(), digest(pw)))
                .collect(),
            ttl,
        })
    }

    /// Checks a password and issues a token.
    pub fn login(&self, uid: &str, password: &str) -> Result<String, IamError> {
        if self.users.is_empty() {
            return Err(IamError::NoUsers);
        }
        let given = digest(password);
        // Compare against something even for an unknown user, so timing does not reveal which uids exist.
        let stored = self.users.get(uid).copied().unwrap_or([0xff; 32]);
        let same = given
            .iter()
            .zip(stored.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
        if !same || !self.users.contains_key(uid) {
            return Err(IamError::BadCredentials);
        }
        self.issue(uid, self.ttl)
    }

    /// Signs a token for `uid` valid for `ttl` (also used by tests to mint expired tokens).
    pub fn issue(&self, uid: &str, ttl: Duration) -> Result<String, IamError> {
        let now = now_secs();
        let claims = Claims {
            uid: uid.to_string(),
            iat: now,
            exp: now + ttl.as_secs(),
        };
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(&self.secret),
        )
        .map_err(|e| IamError::Sign(e.to_string()))
    }

    /// The uid of a valid, unexpired token signed by this server.
    pub fn verify(&self, token: &str) -> Result<String, IamError> {
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
        validation.leeway = 0;
        jsonwebtoken::decode::<Claims>(
            token,
            &jsonwebtoken::DecodingKey::from_secret(&self.secret),
            &validation,
        )
        .map(|d| d.claims.uid)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => IamError::Expired,
            _ => IamError::InvalidToken(e.to_string()),
        })
    }
}

/// Reads a users file: one `uid:password` per line, `#` comments and blank lines ignored. The file must not
/// be readable by group or others, since it holds passwords.
pub fn read_users_file(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    use anyhow::{Context, bail};
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read the users file {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            bail!(
                "the users file {} is readable by other users; `chmod 600` it, since it holds passwords",
                path.display()
            );
        }
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the users file {}", path.display()))?;
    let mut users = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once(':') {
            Some((uid, pw)) if !uid.trim().is_empty() && !pw.is_empty() => {
                users.push((uid.trim().to_string(), pw.to_string()))
            }
            _ => bail!("{} line {}: expected `uid:password`", path.display(), n + 1),
        }
    }
    Ok(users)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LOGIN_PATH, post(login))
        .route("/acs/api/v1/auth/providers", get(providers))
}

#[derive(Debug, Deserialize)]
struct LoginBody {
    uid: Option<String>,
    password: Option<String>,
    token: Option<String>,
}

async fn login(State(s): State<AppState>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            return iam_error(
                e.status(),
                "Bad request",
                &format!("the login request cannot be read: {}", e.body_text()),
                "ERR_INVALID_DATA",
            );
        }
    };
    let parsed: LoginBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => return IamError::BadRequest(e.to_string()).response(),
    };
    let result = match parsed {
        LoginBody {
            uid: Some(uid),
            password: Some(pw),
            ..
        } => s.iam.login(&uid, &pw),
        LoginBody { token: Some(_), .. } => Err(IamError::UnsupportedLogin),
        _ => Err(IamError::BadRequest(
            "`uid` and `password` are required".into(),
        )),
    };
    match result {
        Ok(token) => axum::Json(serde_json::json!({ "token": token })).into_response(),
        Err(e) => e.response(),
    }
}

/// The login providers: one uid/password provider, so the DC/OS CLI runs its password flow.
async fn providers() -> Response {
    axum::Json(serde_json::json!({
        "dcos-users": {
            "authentication-type": "dcos-uid-password",
            "client-method": "dcos-usercredential-post-receive-authtoken",
            "config": {"start_flow_url": LOGIN_PATH},
            "description": "Log in with a user of this pxfw server",
        }
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iam(dir: &Path) -> Iam {
        Iam::new(
            &dir.join("iam-secret"),
            &[("alice".into(), "s3cret pw".into())],
            DEFAULT_TOKEN_TTL,
        )
        .unwrap()
    }

    #[test]
    fn login_verify_expire_forge() {
        let dir = tempfile::tempdir().unwrap();
        let i = iam(dir.path());
        let t = i.login("alice", "s3cret pw").unwrap();
        assert_eq!(i.verify(&t).unwrap(), "alice");
        assert!(matches!(
            i.login("alice", "nope"),
            Err(IamError::BadCredentials)
        ));
        assert!(matches!(
            i.login("bob", "s3cret pw"),
            Err(IamError::BadCredentials)
        ));

        // The secret persists: a new instance on the same data dir accepts the token.
        assert_eq!(iam(dir.path()).verify(&t).unwrap(), "alice");

        let expired = {
            let now = now_secs();
            jsonwebtoken::encode(
                &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
                &Claims {
                    uid: "alice".into(),
                    iat: now - 7200,
                    exp: now - 3600,
                },
                &jsonwebtoken::EncodingKey::from_secret(&i.secret),
            )
            .unwrap()
        };
        assert!(matches!(i.verify(&expired), Err(IamError::Expired)));

        let other = tempfile::tempdir().unwrap();
        let forged = iam(other.path()).login("alice", "s3cret pw").unwrap();
        assert!(matches!(i.verify(&forged), Err(IamError::InvalidToken(_))));
        assert!(matches!(
            i.verify("not.a.jwt"),
            Err(IamError::InvalidToken(_))
        ));
    }

    #[test]
    fn no_users_means_no_login() {
        let dir = tempfile::tempdir().unwrap();
        let i = Iam::new(&dir.path().join("s"), &[], DEFAULT_TOKEN_TTL).unwrap();
        assert!(matches!(i.login("a", "b"), Err(IamError::NoUsers)));
    }
}
