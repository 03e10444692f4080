-- Articles, newest-first keyset pagination, and full-text search over title and description.
CREATE TABLE articles (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url          text        NOT NULL UNIQUE CHECK (length(url) <= 2048),
  title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  description  text        CHECK (length(description) <= 5000),
  content      text        CHECK (length(content) <= 100000),
  author       text        CHECK (length(author) <= 200),
  source       text        NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
  category     text        NOT NULL CHECK (category ~ '^[a-z][a-z0-9-]{0,39}$'),
  image_url    text        CHECK (length(image_url) <= 2048),
  published_at timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  search       tsvector    GENERATED ALWAYS AS (
                 setweight(to_tsvector('english', title), 'A') ||
                 setweight(to_tsvector('english', coalesce(description, '')), 'B')
               ) STORED
);

-- Keyset pagination: (published_at, id) descending, overall and within the two filters.
CREATE INDEX articles_newest_idx          ON articles (published_at DESC, id DESC);
CREATE INDEX articles_category_newest_idx ON articles (category, published_at DESC, id DESC);
CREATE INDEX articles_source_newest_idx   ON articles (source, published_at DESC, id DESC);
CREATE INDEX articles_search_idx          ON articles USING GIN (search);
