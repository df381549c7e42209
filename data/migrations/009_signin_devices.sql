-- 010: sign-in limits that an attacker cannot turn against an account's
-- owner. A browser that signed in successfully gets a random "known
-- device" token (its cookie holds the token, this table its SHA-256); a
-- sign-in attempt that presents a known device of the account named is
-- limited per device, not per name or address, so guessing at a name from
-- other browsers never locks its owner out of a browser they used before.
-- Every attempt records the device it came from ('' for none).

CREATE TABLE known_device (
    hash            TEXT PRIMARY KEY,          -- hex SHA-256 of the cookie value
    account_id      INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT NOT NULL
);
CREATE INDEX known_device_account ON known_device (account_id);

ALTER TABLE login_attempt ADD COLUMN device TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempt_device ON login_attempt (device, at);
