ALTER TABLE `advice` ADD `items_revision` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- items_revision changes with every change that the dossier's items read can see: its items, their
-- responses, and the name of a user shown as the last to change a response. A random token (not a
-- counter), so that a value is never reused, not even in a database that was rebuilt.
UPDATE `advice` SET `items_revision` = lower(hex(randomblob(8)));--> statement-breakpoint
CREATE TRIGGER advice_items_revision_insert AFTER INSERT ON advice_items
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id = NEW.advice_id;
END;--> statement-breakpoint
CREATE TRIGGER advice_items_revision_update AFTER UPDATE ON advice_items
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id IN (OLD.advice_id, NEW.advice_id);
END;--> statement-breakpoint
CREATE TRIGGER advice_items_revision_delete AFTER DELETE ON advice_items
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id = OLD.advice_id;
END;--> statement-breakpoint
CREATE TRIGGER responses_revision_insert AFTER INSERT ON responses
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id = NEW.advice_id;
END;--> statement-breakpoint
CREATE TRIGGER responses_revision_update AFTER UPDATE ON responses
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id IN (OLD.advice_id, NEW.advice_id);
END;--> statement-breakpoint
CREATE TRIGGER responses_revision_delete AFTER DELETE ON responses
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8))) WHERE id = OLD.advice_id;
END;--> statement-breakpoint
CREATE TRIGGER users_name_revision AFTER UPDATE OF name ON users WHEN OLD.name IS NOT NEW.name
BEGIN
  UPDATE advice SET items_revision = lower(hex(randomblob(8)))
  WHERE id IN (SELECT advice_id FROM responses WHERE updated_by = NEW.id);
END;
