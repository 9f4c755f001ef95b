#ifndef UI_SIGMENU_H
#define UI_SIGMENU_H
#endif
