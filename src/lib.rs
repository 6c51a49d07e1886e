//! postie: run Postman collections headless and convert them.
