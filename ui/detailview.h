#ifndef UI_DETAILVIEW_H
#define UI_DETAILVIEW_H
#endif
