//! Who is asking: password hashing (argon2id), session tokens and their cookie, the login rate
//! limit, and the [`CurrentUser`] extractor with the role and scope checks every route uses.

mod current_user;
pub mod limiter;
mod password;
mod token;

pub use current_user::CurrentUser;
pub use limiter::LoginLimiter;
pub use password::{
    PasswordError, check_password_policy, decoy_hash as password_decoy, hash_password,
    verify_password,
};
pub use token::{clear_cookie, new_token, session_cookie, token_from_headers};
