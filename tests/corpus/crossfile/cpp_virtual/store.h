// One interface, one implementation in another file: a virtual call
// in main.cpp runs sqlite_store.cpp's override.
struct Store {
    virtual ~Store() {}
    virtual int run(const char *sql) = 0;
    virtual int count(const char *table) = 0;
};

Store *open_store(const char *path);
