ALTER TABLE `passkeys` ADD `last_used_at` text;--> statement-breakpoint
ALTER TABLE `webauthn_challenges` ADD `session_hash` text;--> statement-breakpoint
CREATE INDEX `webauthn_challenges_session` ON `webauthn_challenges` (`session_hash`);