//! IAM login (contracts/dcos-cosmos-marathon-cli.md §5): uid/password, or a service account proving itself
//! with an RS256-signed login JWT. Both POST to `/acs/api/v1/auth/login` and receive `{"token": …}`.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, anyhow, bail};
use serde::{Deserialize, Serialize};

use super::http::{HttpClient, Req, error_text, unexpected_status};

const LOGIN_PATH: &str = "/acs/api/v1/auth/login";
/// Lifetime of a service-account login JWT (the DC/OS CLI uses five minutes).
const LOGIN_JWT_SECS: u64 = 300;

#[derive(Deserialize)]
struct LoginReply {
    token: String,
}

#[derive(Serialize)]
struct Claims<'a> {
    uid: &'a str,
    exp: u64,
}

/// Logs in with a user id and password and returns the ACS token.
pub async fn with_password(http: &HttpClient, uid: &str, password: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({ "uid": uid, "password": password });
    post_login(http, &body).await
}

/// Logs in as a service account: signs `{uid, exp}` with the account's RSA private key (PEM) and exchanges
/// it for an ACS token.
pub async fn with_service_account(
    http: &HttpClient,
    uid: &str,
    private_key: &Path,
) -> anyhow::Result<String> {
    let login_jwt = service_login_token(uid, private_key)?;
    let body = serde_json::json!({ "uid": uid, "token": login_jwt });
    post_login(http, &body).await
}

/// The RS256 login JWT for a service account.
pub fn service_login_token(uid: &str, private_key: &Path) -> anyhow::Result<String> {
    let pem = std::fs::read(private_key)
        .with_context(|| format!("cannot read the private key {}", private_key.display()))?;
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&pem).map_err(|e| {
        anyhow!(
            "{} is not an RSA private key in PEM form ({e}); give the key the service account was created with",
            private_key.display()
        )
    })?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let claims = Claims {
        uid,
        exp: now + LOGIN_JWT_SECS,
    };
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .context("cannot sign the service-account login token")
}

async fn post_login(http: &HttpClient, body: &serde_json::Value) -> anyhow::Result<String> {
    let resp = http
        .send(Req::post(LOGIN_PATH).json(body).anonymous())
        .await?;
    match resp.status {
        200 => {
            let reply: LoginReply = resp.json()?;
            if reply.token.is_empty() {
                bail!("the login reply from {} holds an empty token", resp.url);
            }
            Ok(reply.token)
        }
        400 | 401 | 403 => {
            let why = error_text(&resp).unwrap_or_else(|| format!("HTTP {}", resp.status));
            bail!(
                "login refused: {why}\nCheck the user id and password (or the service account and its key)."
            )
        }
        _ => Err(unexpected_status(&resp, "login failed")),
    }
}

/// What `HEAD /pkgpanda/active.buildinfo.full.json` says about authentication on a cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthProbe {
    /// 200 without a token: the cluster does not require login.
    Disabled,
    /// 401: login required; the `WWW-Authenticate` challenge (`acsjwt` on Enterprise, `oauthjwt` on open).
    Required { challenge: String },
}

/// Probes whether the cluster needs a login at all.
pub async fn probe(http: &HttpClient) -> anyhow::Result<AuthProbe> {
    let resp = http
        .send(Req::head("/pkgpanda/active.buildinfo.full.json").anonymous())
        .await?;
    match resp.status {
        200 => Ok(AuthProbe::Disabled),
        401 => Ok(AuthProbe::Required {
            challenge: resp
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string(),
        }),
        _ => Err(unexpected_status(&resp, "authentication probe failed")),
    }
}

/// Whether a token is accepted: `HEAD /pkgpanda/active.buildinfo.full.json` answers 200 or 403 for a valid
/// token and 401 for an invalid one.
pub async fn token_is_valid(http: &HttpClient) -> anyhow::Result<bool> {
    let resp = http
        .send(Req::head("/pkgpanda/active.buildinfo.full.json").anonymous_with_token())
        .await?;
    match resp.status {
        200 | 403 => Ok(true),
        401 => Ok(false),
        _ => Err(unexpected_status(&resp, "token check failed")),
    }
}
