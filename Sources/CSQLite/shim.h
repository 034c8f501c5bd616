// SQLite, the gradebook's storage (Debian package libsqlite3-dev).
#include <sqlite3.h>
