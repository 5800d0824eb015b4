#pragma once
typedef void *SQLHSTMT;
typedef unsigned char SQLCHAR;
typedef int SQLINTEGER;
typedef short SQLRETURN;
SQLRETURN SQLExecDirect(SQLHSTMT stmt, SQLCHAR *text, SQLINTEGER len);
SQLRETURN SQLPrepare(SQLHSTMT stmt, SQLCHAR *text, SQLINTEGER len);
