-- Demo web shop (MariaDB). Shaped like a shop database: customer accounts,
-- orders and order lines. Values are stored as customers typed them at checkout.
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
