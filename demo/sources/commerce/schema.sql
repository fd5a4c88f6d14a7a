-- Demo web shop (MariaDB). Shaped like a shop database: customer accounts,
-- orders and order lines, the catalogue and its price lists, B2B quotes, and
-- carts (after Magento's quote / quote_item). Values are stored as customers
-- typed them at checkout. Applied on every start: CREATE TABLE IF NOT EXISTS only.
CREATE TABLE IF NOT EXISTS customer_account (
  account_id   INT UNSIGNED NOT NULL PRIMARY KEY,
  email        VARCHAR(255) NOT NULL,
  first_name   VARCHAR(100),
  last_name    VARCHAR(100),
  phone        VARCHAR(64),
  country      CHAR(2),
  created_at   DATETIME(3) NOT NULL,
  updated_at   DATETIME(3) NOT NULL,
  KEY customer_account_feed_idx (updated_at, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS sales_order (
  order_id      INT UNSIGNED NOT NULL PRIMARY KEY,
  order_number  VARCHAR(32) NOT NULL UNIQUE,     -- 'WEB-100001'
  account_id    INT UNSIGNED NOT NULL,
  status        VARCHAR(20) NOT NULL,            -- placed | shipped | delivered | cancelled | refunded
  currency      CHAR(3) NOT NULL,
  total_amount  DECIMAL(12,2) NOT NULL,
  placed_at     DATETIME(3) NOT NULL,
  KEY sales_order_account_idx (account_id, placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS sales_order_line (
  order_id      INT UNSIGNED NOT NULL,
  line_no       SMALLINT UNSIGNED NOT NULL,
  sku           VARCHAR(32) NOT NULL,
  product_name  VARCHAR(255) NOT NULL,
  quantity      INT NOT NULL,
  unit_price    DECIMAL(12,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Catalogue. Order lines keep their own snapshot of sku, name and price (what
-- was sold, at which price); the catalogue is what the shop sells today.
CREATE TABLE IF NOT EXISTS product (
  product_id    INT UNSIGNED NOT NULL PRIMARY KEY,
  sku           VARCHAR(32) NOT NULL UNIQUE,
  name          VARCHAR(255) NOT NULL,
  category      VARCHAR(100),
  brand         VARCHAR(100),
  status        VARCHAR(16) NOT NULL,            -- enabled | disabled (no longer sold)
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- List price of a product in each currency the shop sells in (one price list per store view).
CREATE TABLE IF NOT EXISTS product_price (
  product_id    INT UNSIGNED NOT NULL,
  currency      CHAR(3) NOT NULL,
  list_price    DECIMAL(12,2) NOT NULL,
  PRIMARY KEY (product_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- B2B quotes (devis) that a sales rep or the shop sends to an account.
CREATE TABLE IF NOT EXISTS sales_quote (
  quote_id      INT UNSIGNED NOT NULL PRIMARY KEY,
  quote_number  VARCHAR(32) NOT NULL UNIQUE,     -- 'QT-100001'
  account_id    INT UNSIGNED NOT NULL,
  status        VARCHAR(16) NOT NULL,            -- draft | sent | accepted | declined | expired
  currency      CHAR(3) NOT NULL,
  total_amount  DECIMAL(12,2) NOT NULL,          -- sum of the lines' row_total
  valid_until   DATE NOT NULL,
  sales_rep     VARCHAR(100),                    -- NULL: requested online, issued by the shop
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  KEY sales_quote_account_idx (account_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS sales_quote_line (
  quote_id          INT UNSIGNED NOT NULL,
  line_no           SMALLINT UNSIGNED NOT NULL,
  product_id        INT UNSIGNED,
  sku               VARCHAR(32) NOT NULL,
  product_name      VARCHAR(255) NOT NULL,
  quantity          INT NOT NULL,
  unit_price        DECIMAL(12,2) NOT NULL,      -- list price when quoted
  discount_percent  DECIMAL(5,2) NOT NULL DEFAULT 0,
  row_total         DECIMAL(12,2) NOT NULL,      -- quantity x unit_price, less the discount
  PRIMARY KEY (quote_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Shopping carts, after Magento's `quote` / `quote_item`: a cart stays active
-- until checkout converts it into an order (is_active = 0, converted_at and
-- reserved_order_id set). An active cart with items that nobody touched for a
-- while is what the shop calls abandoned.
CREATE TABLE IF NOT EXISTS cart (
  cart_id            INT UNSIGNED NOT NULL PRIMARY KEY,
  account_id         INT UNSIGNED NOT NULL,
  is_active          TINYINT(1) NOT NULL DEFAULT 1,
  items_count        SMALLINT UNSIGNED NOT NULL DEFAULT 0,   -- distinct products
  items_qty          INT UNSIGNED NOT NULL DEFAULT 0,        -- units
  currency           CHAR(3) NOT NULL,
  subtotal           DECIMAL(12,2) NOT NULL DEFAULT 0,
  reserved_order_id  VARCHAR(32),                            -- order number once converted
  converted_at       DATETIME(3),
  created_at         DATETIME(3) NOT NULL,
  updated_at         DATETIME(3) NOT NULL,
  KEY cart_account_idx (account_id, is_active, updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS cart_item (
  item_id       INT UNSIGNED NOT NULL PRIMARY KEY,
  cart_id       INT UNSIGNED NOT NULL,
  product_id    INT UNSIGNED,
  sku           VARCHAR(32) NOT NULL,
  name          VARCHAR(255) NOT NULL,
  qty           INT NOT NULL,
  price         DECIMAL(12,2) NOT NULL,          -- unit price when added
  row_total     DECIMAL(12,2) NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  KEY cart_item_cart_idx (cart_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
