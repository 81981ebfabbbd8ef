-- Junheng database schema.
-- The import template of shared/domain.md §7 is the source of truth for school fields:
-- one row per school section (学段) per year. Indicator views live in queries/views/.

CREATE TABLE IF NOT EXISTS counties (
    county_code   VARCHAR PRIMARY KEY,      -- 6-digit adcode
    county_name   VARCHAR NOT NULL,
    city_code     VARCHAR,
    city_name     VARCHAR,
    province_code VARCHAR,
    province_name VARCHAR,
    is_demo       BOOLEAN NOT NULL DEFAULT FALSE  -- generated demo data (示例数据)
);

-- One row per school section per year: the import template.
CREATE TABLE IF NOT EXISTS school_sections (
    year                   INTEGER NOT NULL,
    county_code            VARCHAR NOT NULL,
    school_code            VARCHAR NOT NULL,
    school_name            VARCHAR NOT NULL,
    school_type            VARCHAR NOT NULL
        CHECK (school_type IN ('小学', '初中', '九年一贯制', '十二年一贯制', '完全中学', '教学点')),
    stage                  VARCHAR NOT NULL CHECK (stage IN ('小学', '初中')),
    parent_school_code     VARCHAR,          -- teaching points only: their central school
    urban_rural_code       INTEGER NOT NULL
        CHECK (urban_rural_code IN (111, 112, 121, 122, 123, 210, 220)),
    township               VARCHAR,
    longitude              DOUBLE,           -- WGS-84
    latitude               DOUBLE,
    students               INTEGER,
    classes                INTEGER,
    teachers               INTEGER,
    teachers_above_degree  INTEGER,
    teachers_senior_title  INTEGER,
    key_teachers           INTEGER,
    pe_art_teachers        INTEGER,
    teaching_area_m2       DOUBLE,
    sports_area_m2         DOUBLE,
    equipment_value_yuan   DOUBLE,
    multimedia_rooms       INTEGER,
    computers              INTEGER,
    books                  INTEGER,
    achievement_score      DOUBLE,
    -- TRUE when a nine/twelve-year school or a 完全中学 reported buildings, grounds, equipment,
    -- rooms, computers and books only for the whole school: the same totals then stand on each
    -- of its section rows and the views split them by weighted pupils, senior pupils included
    -- (settings stage_weight_*).
    resources_whole_school BOOLEAN NOT NULL DEFAULT FALSE,
    -- 十二年一贯制 / 完全中学: the school's senior-high (高中) pupils, the same on each of its
    -- section rows; they take their weighted share of whole-school resources.
    senior_students        INTEGER,
    ownership              VARCHAR CHECK (ownership IN ('公办', '民办')),  -- NULL = 公办
    run_by                 VARCHAR CHECK (run_by IN ('县级', '地市级', '省级', '中央')),  -- NULL = 县级
    PRIMARY KEY (school_code, year, stage)
);

-- Columns added since the first release: a database built earlier gains them when it is
-- refreshed or imported into (its school_type CHECK keeps the older list of types).
ALTER TABLE school_sections ADD COLUMN IF NOT EXISTS senior_students INTEGER;
ALTER TABLE school_sections ADD COLUMN IF NOT EXISTS ownership VARCHAR;
ALTER TABLE school_sections ADD COLUMN IF NOT EXISTS run_by VARCHAR;

-- Settings the views read. Change them with `python -m data.settings`.
CREATE TABLE IF NOT EXISTS settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL,
    note  VARCHAR
);

-- The stages (学段) of compulsory education, in the order screens list them (catalogue.sql).
CREATE TABLE IF NOT EXISTS stages (
    stage      VARCHAR PRIMARY KEY,
    sort_order INTEGER NOT NULL
);

-- The school types (办学类型, domain.md §7) in the order the template lists them: the stages
-- a school of the type has sections in, whether it is a 一贯制 school (its sections are one
-- school: one row per stage, the size rule's through limit) and whether it has senior pupils
-- (十二年一贯制, 完全中学: the weights of whole-school splits) (catalogue.sql).
CREATE TABLE IF NOT EXISTS school_types (
    school_type VARCHAR PRIMARY KEY,
    sort_order  INTEGER NOT NULL,
    stages      VARCHAR[] NOT NULL,
    through     BOOLEAN NOT NULL,
    with_senior BOOLEAN NOT NULL
);

-- The standard sets (评估办法), in the order screens offer them (the 2017 quality method
-- first), with the year of each method (catalogue.sql).
CREATE TABLE IF NOT EXISTS standard_sets (
    standard_set VARCHAR PRIMARY KEY,
    sort_order   INTEGER NOT NULL,
    method_year  INTEGER NOT NULL
);

-- The urban–rural classification codes (国家统计局 城乡划分代码, domain.md §4) and the group
-- each belongs to: 城区 urban, 镇区 town, 乡村 rural (catalogue.sql).
CREATE TABLE IF NOT EXISTS urban_rural_codes (
    urban_rural_code  INTEGER PRIMARY KEY,
    name_zh           VARCHAR NOT NULL,
    urban_rural_group VARCHAR NOT NULL CHECK (urban_rural_group IN ('urban', 'town', 'rural'))
);

-- Indicator catalogue: how each per-school indicator is computed.
CREATE TABLE IF NOT EXISTS indicators (
    indicator  VARCHAR PRIMARY KEY,
    name_zh    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    unit_zh    VARCHAR NOT NULL,
    unit_en    VARCHAR NOT NULL,
    numerator  VARCHAR NOT NULL,   -- column of school_sections divided by students
    per        INTEGER NOT NULL,   -- 1 = per student, 100 = per 100 students
    sort_order INTEGER NOT NULL
);

-- Which indicators each standard set uses, the per-school standard and the CV threshold.
CREATE TABLE IF NOT EXISTS indicator_standards (
    standard_set   VARCHAR NOT NULL CHECK (standard_set IN ('basic2012', 'quality2017')),
    indicator      VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL CHECK (stage IN ('小学', '初中')),
    standard_value DOUBLE,          -- per-school minimum (quality2017 only)
    cv_threshold   DOUBLE NOT NULL,
    PRIMARY KEY (standard_set, indicator, stage)
);

-- The county-level items of the quality 2017 method (domain.md §3b–3d): 15 government
-- guarantee items, 9 education quality items and 1 social recognition item (catalogue.sql).
CREATE TABLE IF NOT EXISTS checklist_items (
    item_group VARCHAR NOT NULL CHECK (item_group IN ('government', 'quality', 'recognition')),
    item_no    INTEGER NOT NULL,
    item_key   VARCHAR NOT NULL,
    name_zh    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    unit       VARCHAR NOT NULL,   -- '%', '元', 'ratio' or 'yes/no' (1 = yes, 0 = no)
    target     DOUBLE NOT NULL,
    comparison VARCHAR NOT NULL CHECK (comparison IN ('>=', '<=', '<')),  -- value vs target
    max_value  DOUBLE,             -- the largest sensible value (NULL: no maximum)
    computed   BOOLEAN NOT NULL,   -- computed from the school returns (view county_computed_items)
    PRIMARY KEY (item_group, item_no)
);

-- The county items a bureau entered (县域指标 sheet or the editor of the import page), per
-- county-year; items 4 and 5 are computed from the school returns instead.
CREATE TABLE IF NOT EXISTS county_checklist (
    county_code VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    item_group  VARCHAR NOT NULL CHECK (item_group IN ('government', 'quality', 'recognition')),
    item_no     INTEGER NOT NULL,
    value       DOUBLE NOT NULL,   -- a rate in %, an amount, or 1/0 for yes/no items
    met         BOOLEAN NOT NULL,  -- value against the catalogue's target when entered
    note        VARCHAR,           -- evidence, source document (说明)
    entered_by  VARCHAR,
    entered_at  TIMESTAMP,
    PRIMARY KEY (county_code, year, item_group, item_no)
);

-- County, city and province outlines (WGS-84 GeoJSON), cached at build time.
CREATE TABLE IF NOT EXISTS boundaries (
    code        VARCHAR PRIMARY KEY,   -- adcode
    level       VARCHAR NOT NULL CHECK (level IN ('province', 'city', 'county')),
    name        VARCHAR NOT NULL,
    parent_code VARCHAR,
    geojson     VARCHAR NOT NULL
);

-- Who imported what, when (data/ingest.py): one row per file of each import that changed data.
CREATE TABLE IF NOT EXISTS import_log (
    imported_at    TIMESTAMP NOT NULL,
    user_name      VARCHAR,
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    rows_added     INTEGER NOT NULL,
    rows_replaced  INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL
);

-- Responsible inspectors (责任督学, 挂牌督导; domain.md §7): one per school, from the 责任督学
-- sheet (data/inspectors.py). The follow-up of flags lives in the writable store (store/).
CREATE TABLE IF NOT EXISTS school_inspectors (
    school_code    VARCHAR PRIMARY KEY,
    inspector_name VARCHAR NOT NULL,
    contact        VARCHAR
);
