# Generated from ui/incidents_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incidents_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTableView, QVBoxLayout,
    QWidget)

class Ui_IncidentsPage(object):
    def setupUi(self, IncidentsPage):
        if not IncidentsPage.objectName():
            IncidentsPage.setObjectName(u"IncidentsPage")
        IncidentsPage.resize(1100, 700)
        self.page_layout = QVBoxLayout(IncidentsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.view_combo = QComboBox(IncidentsPage)
        self.view_combo.setObjectName(u"view_combo")

        self.filter_layout.addWidget(self.view_combo)

        self.level_combo = QComboBox(IncidentsPage)
        self.level_combo.setObjectName(u"level_combo")

        self.filter_layout.addWidget(self.level_combo)

        self.category_combo = QComboBox(IncidentsPage)
        self.category_combo.setObjectName(u"category_combo")

        self.filter_layout.addWidget(self.category_combo)

        self.worker_combo = QComboBox(IncidentsPage)
        self.worker_combo.setObjectName(u"worker_combo")

        self.filter_layout.addWidget(self.worker_combo)

        self.count_label = QLabel(IncidentsPage)
        self.count_label.setObjectName(u"count_label")

        self.filter_layout.addWidget(self.count_label)

        self.filter_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)

        self.new_button = QPushButton(IncidentsPage)
        self.new_button.setObjectName(u"new_button")

        self.filter_layout.addWidget(self.new_button)


        self.page_layout.addLayout(self.filter_layout)

        self.splitter = QSplitter(IncidentsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.incident_table = QTableView(self.splitter)
        self.incident_table.setObjectName(u"incident_table")
        self.incident_table.setAlternatingRowColors(True)
        self.incident_table.setSortingEnabled(True)
        self.incident_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.incident_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.incident_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.incident_table)
        self.detail_holder = QWidget(self.splitter)
        self.detail_holder.setObjectName(u"detail_holder")
        self.splitter.addWidget(self.detail_holder)

        self.page_layout.addWidget(self.splitter)

        QWidget.setTabOrder(self.view_combo, self.level_combo)
        QWidget.setTabOrder(self.level_combo, self.category_combo)
        QWidget.setTabOrder(self.category_combo, self.worker_combo)
        QWidget.setTabOrder(self.worker_combo, self.new_button)
        QWidget.setTabOrder(self.new_button, self.incident_table)

        self.retranslateUi(IncidentsPage)

        QMetaObject.connectSlotsByName(IncidentsPage)
    # setupUi

    def retranslateUi(self, IncidentsPage):
#if QT_CONFIG(tooltip)
        self.view_combo.setToolTip(QCoreApplication.translate("IncidentsPage", u"\u6309\u5904\u7406\u72b6\u6001\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.level_combo.setToolTip(QCoreApplication.translate("IncidentsPage", u"\u6309\u5347\u7ea7\u7ea7\u522b\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.category_combo.setToolTip(QCoreApplication.translate("IncidentsPage", u"\u6309\u6295\u8bc9\u7c7b\u522b\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.worker_combo.setToolTip(QCoreApplication.translate("IncidentsPage", u"\u6309\u670d\u52a1\u4eba\u5458\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
        self.count_label.setText("")
        self.new_button.setText(QCoreApplication.translate("IncidentsPage", u"\u767b\u8bb0\u6295\u8bc9(&N)", None))
        pass
    # retranslateUi

