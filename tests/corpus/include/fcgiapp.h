#pragma once
typedef struct FCGX_Stream FCGX_Stream;
typedef char **FCGX_ParamArray;
char *FCGX_GetParam(const char *name, FCGX_ParamArray envp);
int FCGX_FPrintF(FCGX_Stream *stream, const char *format, ...);
int FCGX_PutS(const char *str, FCGX_Stream *stream);
int FCGX_Accept(FCGX_Stream **in, FCGX_Stream **out, FCGX_Stream **err, FCGX_ParamArray *envp);
