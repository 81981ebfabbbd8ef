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
        CHECK (school_type IN ('小学', '初中', '九年一贯制', '十二年一贯制', '教学点')),
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
    -- TRUE when a nine/twelve-year school reported buildings, grounds, equipment, rooms,
    -- computers and books only for the whole school: the same totals then stand on each of its
    -- section rows and the views split them by weighted students (settings stage_weight_*).
    resources_whole_school BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_code, year, stage)
);

-- Settings the views read. Change them with `python -m data.settings`.
CREATE TABLE IF NOT EXISTS settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL,
    note  VARCHAR
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

-- County-level indicators of the quality 2017 method (domain.md §3b–3d): 15 government
-- guarantee items, 9 education quality items and 1 social recognition item per county-year.
CREATE TABLE IF NOT EXISTS county_checklist (
    county_code VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    item_group  VARCHAR NOT NULL CHECK (item_group IN ('government', 'quality', 'recognition')),
    item_no     INTEGER NOT NULL,
    item_key    VARCHAR NOT NULL,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    value       DOUBLE,            -- a rate, a count, or 1/0 for yes/no items
    target      DOUBLE,
    comparison  VARCHAR NOT NULL CHECK (comparison IN ('>=', '<=', '<')),  -- how value meets target
    unit        VARCHAR,           -- '%', '元', 'yes/no' (1 = yes), ...
    met         BOOLEAN,
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
