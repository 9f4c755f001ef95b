#ifndef SRC_SIGSEND_H
#define SRC_SIGSEND_H
#endif
