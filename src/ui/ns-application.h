#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NS_TYPE_APPLICATION (ns_application_get_type ())
G_DECLARE_FINAL_TYPE (NsApplication, ns_application, NS, APPLICATION, AdwApplication)

NsApplication *ns_application_new (void);

G_END_DECLS
