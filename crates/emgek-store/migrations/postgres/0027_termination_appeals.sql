-- An appeal of a contract's termination for a violation (and of the refund claimed with it).
-- A termination keeps the day it took effect, who recorded it and why: whoever recorded it takes no
-- part in hearing its appeal. Expand-only: empty on the terminations held before, which are read
-- by the moment they were recorded.
ALTER TABLE contracts ADD COLUMN terminated_on DATE;
ALTER TABLE contracts ADD COLUMN terminated_by TEXT;
ALTER TABLE contracts ADD COLUMN termination TEXT;     -- violation | agreement (an appeal upheld: set_aside)
-- An upheld appeal sets aside what is still due of the claim: the claim becomes what was repaid,
-- and what was set aside, and when, is kept beside it.
ALTER TABLE refund_claims ADD COLUMN set_aside_tyiyn BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refund_claims ADD COLUMN set_aside_on DATE;

-- An appeal may now contest a termination.
ALTER TABLE appeals DROP CONSTRAINT appeals_contested_check;
ALTER TABLE appeals ADD CONSTRAINT appeals_contested_check CHECK (contested IN ('rejection', 'waiting_list', 'termination'));
