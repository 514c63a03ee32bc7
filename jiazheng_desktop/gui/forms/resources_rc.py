# Generated from resources/resources.qrc by tools/build_forms.py; do not edit: change the source file instead.
# Resource object code (Python 3)
# Created by: object code
# Created by: The Resource Compiler for Qt version 6.11.3
# WARNING! All changes made in this file will be lost!

from PySide6 import QtCore

qt_resource_data = b"\
\x00\x00\x02\x0c\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 64 64\x22 width\
=\x2264\x22 height=\x2264\
\x22>\x0a  <rect x=\x222\x22\
 y=\x222\x22 width=\x2260\
\x22 height=\x2260\x22 rx\
=\x2214\x22 fill=\x22#1f7\
a5a\x22/>\x0a  <path d\
=\x22M12 32 L32 14 \
L52 32\x22 fill=\x22no\
ne\x22 stroke=\x22#fff\
fff\x22 stroke-widt\
h=\x225\x22 stroke-lin\
ecap=\x22round\x22 str\
oke-linejoin=\x22ro\
und\x22/>\x0a  <path d\
=\x22M18 30 V50 H46\
 V30\x22 fill=\x22none\
\x22 stroke=\x22#fffff\
f\x22 stroke-width=\
\x225\x22 stroke-linej\
oin=\x22round\x22/>\x0a  \
<path d=\x22M32 47 \
C24 41 23.5 36.5\
 26.5 34.5 C29 3\
3 31 34.5 32 36 \
C33 34.5 35 33 3\
7.5 34.5 C40.5 3\
6.5 40 41 32 47 \
Z\x22 fill=\x22#ffcf5c\
\x22/>\x0a</svg>\x0a\
"

qt_resource_name = b"\
\x00\x05\
\x00o\xa6S\
\x00i\
\x00c\x00o\x00n\x00s\
\x00\x07\
\x08sZ\x07\
\x00a\
\x00p\x00p\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00\x02\
\x00\x00\x00\x10\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
"

def qInitResources():
    QtCore.qRegisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources():
    QtCore.qUnregisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
