-- Demo survey tool (MariaDB), shaped like a self-hosted LimeSurvey 5 database:
-- the `lime_` prefix, LimeSurvey's column names and conventions ('Y'/'N'
-- flags, one-letter question types, question themes, per-language l10n tables,
-- survey participants identified by an access token, a response with a NULL
-- submitdate while it is incomplete).
--
-- One deliberate departure: LimeSurvey creates a participants table
-- (lime_tokens_<sid>) and a responses table (lime_survey_<sid>, one column per
-- question) for every activated survey. Here they are merged into fixed tables
-- keyed by `sid`, and answers are stored one row per question, so that the
-- schema is static and applied on every start.
--
-- Applied on every start: idempotent (CREATE … IF NOT EXISTS only).

-- Survey groups; this deployment files each survey under the group of its kind
-- (csat, nps, support, product).
CREATE TABLE IF NOT EXISTS lime_surveys_groups (
  gsid          INT UNSIGNED NOT NULL PRIMARY KEY,
  name          VARCHAR(45) NOT NULL,
  title         VARCHAR(100),
  description   TEXT,
  sortorder     INT NOT NULL DEFAULT 0,
  created       DATETIME(3) NOT NULL,
  modified      DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS lime_surveys (
  sid                    INT UNSIGNED NOT NULL PRIMARY KEY,   -- LimeSurvey's random 6-digit survey id
  gsid                   INT UNSIGNED NOT NULL DEFAULT 1,
  owner_id               INT UNSIGNED NOT NULL,
  admin                  VARCHAR(50),
  active                 CHAR(1) NOT NULL DEFAULT 'N',       -- 'Y' | 'N'
  anonymized             CHAR(1) NOT NULL DEFAULT 'N',       -- 'Y': responses are not linked to participants
  language               VARCHAR(50) NOT NULL,               -- base language, e.g. 'en'
  additional_languages   VARCHAR(255) NOT NULL DEFAULT '',   -- space-separated, e.g. 'fr de'
  datecreated            DATETIME(3) NOT NULL,
  startdate              DATETIME(3),
  expires                DATETIME(3),
  -- Describes the participants' custom attributes (JSON, as LimeSurvey keeps it).
  -- This deployment's convention: attribute_1 = mobile phone, attribute_2 = country.
  attributedescriptions  TEXT,
  KEY lime_surveys_gsid_idx (gsid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS lime_surveys_languagesettings (
  surveyls_survey_id     INT UNSIGNED NOT NULL,
  surveyls_language      VARCHAR(45) NOT NULL,
  surveyls_title         VARCHAR(200) NOT NULL,
  surveyls_description   TEXT,
  PRIMARY KEY (surveyls_survey_id, surveyls_language)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Questions. `type` is LimeSurvey's one-letter code: '5' five-point choice,
-- 'L' list (radio), '!' list (dropdown), 'S' short / 'T' long / 'U' huge free
-- text, 'N' numerical, … A question theme refines a type: this deployment's
-- NPS questions are 'L' lists with the custom theme 'nps' and answer codes 0-10.
CREATE TABLE IF NOT EXISTS lime_questions (
  qid                  INT UNSIGNED NOT NULL PRIMARY KEY,
  parent_qid           INT UNSIGNED NOT NULL DEFAULT 0,     -- subquestions point at their parent
  sid                  INT UNSIGNED NOT NULL,
  type                 CHAR(1) NOT NULL,
  question_theme_name  VARCHAR(150),                        -- 'listradio', '5pointchoice', 'longfreetext', 'nps', …
  title                VARCHAR(20) NOT NULL,                -- the question code, e.g. 'NPS1'
  mandatory            CHAR(1) NOT NULL DEFAULT 'N',
  question_order       INT NOT NULL,
  KEY lime_questions_sid_idx (sid, question_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS lime_question_l10ns (
  id        INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  qid       INT UNSIGNED NOT NULL,
  question  TEXT NOT NULL,
  help      TEXT,
  language  VARCHAR(20) NOT NULL,
  UNIQUE KEY lime_question_l10ns_qid_idx (qid, language)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Answer options of list questions: the response stores the option's code.
CREATE TABLE IF NOT EXISTS lime_answers (
  aid               INT UNSIGNED NOT NULL PRIMARY KEY,
  qid               INT UNSIGNED NOT NULL,
  code              VARCHAR(5) NOT NULL,
  sortorder         INT NOT NULL,
  assessment_value  INT NOT NULL DEFAULT 0,
  scale_id          TINYINT NOT NULL DEFAULT 0,
  UNIQUE KEY lime_answers_code_idx (qid, code, scale_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS lime_answer_l10ns (
  id        INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  aid       INT UNSIGNED NOT NULL,
  answer    TEXT NOT NULL,
  language  VARCHAR(20) NOT NULL,
  UNIQUE KEY lime_answer_l10ns_aid_idx (aid, language)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Survey participants (LimeSurvey's lime_tokens_<sid>): one row per person
-- invited to one survey, with name and email as the invitation list had them
-- (imported from shop or help-desk exports, or typed in by hand).
CREATE TABLE IF NOT EXISTS lime_tokens (
  tid            INT UNSIGNED NOT NULL PRIMARY KEY,
  sid            INT UNSIGNED NOT NULL,
  firstname      VARCHAR(150),
  lastname       VARCHAR(150),
  email          TEXT,
  emailstatus    TEXT,                               -- 'OK', 'bounced', 'OptOut'
  token          VARCHAR(36) NOT NULL,               -- the participant's access code in the survey link
  language       VARCHAR(25),
  blacklisted    VARCHAR(17),
  sent           VARCHAR(17) NOT NULL DEFAULT 'N',   -- 'N' or the invitation's 'YYYY-MM-DD HH:MM'
  remindersent   VARCHAR(17) NOT NULL DEFAULT 'N',
  remindercount  INT NOT NULL DEFAULT 0,
  completed      VARCHAR(17) NOT NULL DEFAULT 'N',   -- 'N' or the completion's 'YYYY-MM-DD HH:MM'
  usesleft       INT NOT NULL DEFAULT 1,
  validfrom      DATETIME,
  validuntil     DATETIME,
  attribute_1    TEXT,                               -- mobile phone as imported (see lime_surveys.attributedescriptions)
  attribute_2    TEXT,                               -- country, ISO 3166-1 alpha-2
  -- Change tracking LimeSurvey's tokens tables lack; the observation feed
  -- reads participants incrementally by (modified, tid).
  created        DATETIME(3) NOT NULL,
  modified       DATETIME(3) NOT NULL,
  UNIQUE KEY lime_tokens_token_idx (sid, token),
  KEY lime_tokens_feed_idx (modified, tid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Responses (LimeSurvey's lime_survey_<sid>). `token` is NULL in anonymised
-- surveys; `submitdate` is NULL while the response is incomplete.
CREATE TABLE IF NOT EXISTS lime_responses (
  id             INT UNSIGNED NOT NULL PRIMARY KEY,
  sid            INT UNSIGNED NOT NULL,
  token          VARCHAR(36),
  submitdate     DATETIME(3),
  lastpage       INT,
  startlanguage  VARCHAR(20) NOT NULL,
  seed           VARCHAR(31),
  startdate      DATETIME(3) NOT NULL,
  datestamp      DATETIME(3) NOT NULL,               -- last time the respondent saved a page
  refurl         TEXT,
  KEY lime_responses_token_idx (sid, token, datestamp)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per answered question of a response (LimeSurvey's <sid>X<gid>X<qid>
-- columns): the raw value, e.g. an answer code, '1'-'5' or the typed text.
CREATE TABLE IF NOT EXISTS lime_response_answers (
  response_id  INT UNSIGNED NOT NULL,
  qid          INT UNSIGNED NOT NULL,
  value        TEXT,
  PRIMARY KEY (response_id, qid),
  KEY lime_response_answers_qid_idx (qid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
