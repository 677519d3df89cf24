//! User accounts, for the admin: the accounts bound inside the admin's region.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::user_view;
use crate::wire::{Format, Reply};
use axum::extract::State;
use tepat_protocol::UserList;

/// GET users.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Reply<UserList>, AppError> {
    current.require(current.user.role.manages_users(), "mengelola pengguna")?;
    let scope = current.user.region.clone();
    let users = state
        .blocking(move |s| {
            let mut out = Vec::new();
            for user in s.users()?.into_iter().filter(|u| scope.contains(&u.region)) {
                if let Some(region) = s.region(&user.region)? {
                    out.push(user_view(&user, region));
                }
            }
            Ok(out)
        })
        .await?;
    Ok(format.reply(UserList { users }))
}
