<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_419">
<context>
    <name></name>
    <message>
        <source>Opening the database ({db})…</source>
        <extracomment>Emitted when a main window is shown (the smoke test and start-up timing hook in here).</extracomment>
        <translation>Abriendo la base de datos ({db})…</translation>
    </message>
    <message>
        <source>The database could not be opened because of an unexpected error.</source>
        <translation>No se pudo abrir la base de datos por un error inesperado.</translation>
    </message>
    <message>
        <source>Database not available</source>
        <translation>Base de datos no disponible</translation>
    </message>
    <message>
        <source>You can try again, change the database settings, or quit.</source>
        <translation>Puede reintentar, cambiar la configuración de la base de datos o salir.</translation>
    </message>
    <message>
        <source>No password is stored on this computer for this server; if it needs one, enter it under Database settings.</source>
        <translation>No hay ninguna contraseña guardada en este equipo para este servidor; si necesita una, ingrésela en Configuración de la base de datos.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>&amp;Database settings…</source>
        <translation>Configuración de la &amp;base de datos…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Your session was ended by an administrator or you signed in elsewhere, so the open form was closed without saving; please log in again.</source>
        <translation>Un administrador finalizó su sesión o usted inició sesión en otro equipo, por lo que el formulario abierto se cerró sin guardar; inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>Your session was ended by an administrator or you signed in elsewhere; please log in again.</source>
        <translation>Un administrador finalizó su sesión o usted inició sesión en otro equipo; inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Modificado en otro lugar</translation>
    </message>
    <message>
        <source>This {what} was changed on another workstation.</source>
        <translation>Este elemento ({what}) se modificó en otra estación de trabajo.</translation>
    </message>
    <message>
        <source>Reload shows their version (your changes in this form are discarded). Overwrite saves your version over theirs. Cancel returns to your form.</source>
        <translation>Recargar muestra la otra versión (se descartan sus cambios en este formulario). Sobrescribir guarda su versión encima de la otra. Cancelar vuelve a su formulario.</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recargar</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>&amp;Sobrescribir</translation>
    </message>
    <message>
        <source>built-in database in {path} (not running)</source>
        <translation>base de datos integrada en {path} (detenida)</translation>
    </message>
    <message>
        <source>{url} (not connected)</source>
        <translation>{url} (sin conexión)</translation>
    </message>
    <message>
        <source>Something went wrong that the program did not expect. Your data is safe; the last action may not have been completed.</source>
        <translation>Ocurrió un problema que el programa no esperaba. Sus datos están a salvo; es posible que la última acción no se haya completado.</translation>
    </message>
    <message>
        <source>Details were written to {path}.</source>
        <translation>Los detalles se guardaron en {path}.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Error inesperado</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>This window&apos;s own session (marked in the list; ended with File &gt; Log out instead).</extracomment>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Estación de trabajo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Trabajados</translation>
    </message>
    <message>
        <source>Records called at least once</source>
        <translation>Registros llamados al menos una vez</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Share of the records that are finished</source>
        <translation>Proporción de los registros que están terminados</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Creado por</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Cargado</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>En proceso</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Procesada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Cargados</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>Imported, but the numbering plan does not know the number; see Rejected rows…</source>
        <translation>Cargado, pero el plan de numeración no conoce el número; vea Filas rechazadas…</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Cargado por</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Agregado por</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>{workstation} (this window)</source>
        <translation>{workstation} (esta ventana)</translation>
    </message>
    <message>
        <source>Desktop app</source>
        <translation>Aplicación de escritorio</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Línea de comandos</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueada</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Work queue</source>
        <translation>Cola de trabajo</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Cargas</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Do-not-call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
</context>
<context>
    <name>AgentDialog</name>
    <message>
        <source>New agent</source>
        <translation>Nuevo agente</translation>
    </message>
    <message>
        <source>Edit agent</source>
        <translation>Editar agente</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
</context>
<context>
    <name>AgentsPage</name>
    <message>
        <source>Search agents by name, e-mail or phone (Ctrl+F)</source>
        <translation>Buscar agentes por nombre, correo o teléfono (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>Mostrar inactivos</translation>
    </message>
    <message>
        <source>New agent…</source>
        <translation>Nuevo agente…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>No agents yet. Add the first one with New agent… (Ctrl+N), then assign agents to a campaign on the Campaigns page.</source>
        <translation>Todavía no hay agentes. Agregue el primero con Nuevo agente… (Ctrl+N) y luego asigne agentes a una campaña en la página Campañas.</translation>
    </message>
    <message>
        <source>There are no agents to show.</source>
        <translation>No hay agentes para mostrar.</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Deactivate {name}? They keep their history and assignments but cannot be assigned to new campaigns.</source>
        <translation>¿Desactivar a {name}? Conservará su historial y sus asignaciones, pero no podrá asignarse a campañas nuevas.</translation>
    </message>
    <message>
        <source>Deactivate agent</source>
        <translation>Desactivar agente</translation>
    </message>
</context>
<context>
    <name>AssignAgentsDialog</name>
    <message>
        <source>Assign agents — {name}</source>
        <translation>Asignar agentes — {name}</translation>
    </message>
    <message>
        <source>Filter agents by name or e-mail</source>
        <translation>Filtrar agentes por nombre o correo electrónico</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(inactivo)</translation>
    </message>
    <message>
        <source>No agent selected</source>
        <translation>Ningún agente seleccionado</translation>
    </message>
    <message>
        <source>1 agent selected</source>
        <translation>1 agente seleccionado</translation>
    </message>
    <message>
        <source>{n} agents selected</source>
        <translation>{n} agentes seleccionados</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Search shown entries (Ctrl+F)</source>
        <translation>Buscar en las entradas mostradas (Ctrl+F)</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>User e-mail contains…</source>
        <translation>El correo del usuario contiene…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Apply filters</source>
        <translation>Aplicar filtros</translation>
    </message>
    <message>
        <source>No entries match these filters. Widen the dates or clear the action and user filters.</source>
        <translation>Ninguna entrada coincide con estos filtros. Amplíe las fechas o quite los filtros de acción y de usuario.</translation>
    </message>
    <message>
        <source>Showing the newest {n} matching entries; narrow the filters to see older ones.</source>
        <translation>Se muestran las {n} entradas más recientes que coinciden; ajuste los filtros para ver las anteriores.</translation>
    </message>
</context>
<context>
    <name>BackupAgeLabel</name>
    <message>
        <source>No backup yet</source>
        <translation>Todavía no hay copias de seguridad</translation>
    </message>
    <message>
        <source>Last backup: {n} min ago</source>
        <translation>Última copia de seguridad: hace {n} min</translation>
    </message>
    <message>
        <source>Last backup: {n} h ago</source>
        <translation>Última copia de seguridad: hace {n} h</translation>
    </message>
    <message>
        <source>Last backup: {n} days ago</source>
        <translation>Última copia de seguridad: hace {n} días</translation>
    </message>
    <message>
        <source> — last automatic backup failed</source>
        <translation> — falló la última copia de seguridad automática</translation>
    </message>
</context>
<context>
    <name>BackupScheduler</name>
    <message>
        <source>Automatic backup failed</source>
        <extracomment>ScheduledOutcome of a backup that ran (or was not due). The sentence of a failed automatic backup.</extracomment>
        <translation>Falló la copia de seguridad automática</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>guardada en el llavero del sistema</translation>
    </message>
    <message>
        <source>Back up the built-in database every day</source>
        <translation>Hacer una copia de seguridad de la base de datos integrada todos los días</translation>
    </message>
    <message>
        <source>Copy each backup to the S3 bucket of the upload storage</source>
        <translation>Copiar cada copia de seguridad al bucket S3 del almacenamiento de cargas</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar configuración</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Carpeta:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Frase de contraseña:</translation>
    </message>
    <message>
        <source>Daily backups kept:</source>
        <translation>Copias diarias conservadas:</translation>
    </message>
    <message>
        <source>Monthly backups kept:</source>
        <translation>Copias mensuales conservadas:</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer una copia ahora</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificada</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>A passphrase is kept in the system keyring; type a new one to replace it.</source>
        <translation>Hay una frase de contraseña guardada en el llavero del sistema; escriba una nueva para reemplazarla.</translation>
    </message>
    <message>
        <source>No passphrase is kept yet: automatic backups need one (kept in the system keyring). Without a passphrase nobody, you included, can read a backup.</source>
        <translation>Todavía no hay ninguna frase de contraseña guardada: las copias de seguridad automáticas necesitan una (se guarda en el llavero del sistema). Sin la frase de contraseña nadie, ni siquiera usted, puede leer una copia de seguridad.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Carpeta de las copias de seguridad</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>Se guardó la configuración de las copias de seguridad.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Backup written and verified: {name} ({mb:,.1f} MB, {s:.1f} s).</source>
        <translation>Copia de seguridad escrita y verificada: {name} ({mb:,.1f} MB, {s:.1f} s).</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Haciendo la copia de seguridad…</translation>
    </message>
    <message>
        <source>{name} is complete and readable.</source>
        <translation>{name} está completa y se puede leer.</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restaurar copia de seguridad</translation>
    </message>
    <message>
        <source>Replace all current data with the backup {name}? The backup is verified first; the current database is kept aside until the next backup. The app must be restarted afterwards.</source>
        <translation>¿Reemplazar todos los datos actuales por la copia de seguridad {name}? Primero se verifica la copia; la base de datos actual se conserva aparte hasta la próxima copia de seguridad. Después hay que reiniciar la aplicación.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Restored. Restart Welcomedly to work on the restored data.</source>
        <translation>Restaurada. Reinicie Welcomedly para trabajar con los datos restaurados.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Copia de seguridad restaurada</translation>
    </message>
    <message>
        <source>The backup {name} was restored. Quit and start Welcomedly again: the open windows still show the data from before the restore.</source>
        <translation>Se restauró la copia de seguridad {name}. Salga de Welcomedly y vuelva a iniciarlo: las ventanas abiertas todavía muestran los datos de antes de la restauración.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restaurando…</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Edit campaign</source>
        <translation>Editar campaña</translation>
    </message>
    <message>
        <source>The organization&apos;s country</source>
        <translation>El país de la organización</translation>
    </message>
    <message>
        <source>The organization&apos;s: {country}</source>
        <translation>El de la organización: {country}</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>campaña</translation>
    </message>
</context>
<context>
    <name>CampaignForm</name>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>&amp;País:</translation>
    </message>
    <message>
        <source>The country whose numbering plan reads this campaign&apos;s phone numbers; the organization&apos;s unless you choose another.</source>
        <translation>El país cuyo plan de numeración interpreta los teléfonos de esta campaña; el de la organización, salvo que elija otro.</translation>
    </message>
    <message>
        <source>S&amp;tart date:</source>
        <translation>Fecha de &amp;inicio:</translation>
    </message>
    <message>
        <source>E&amp;nd date:</source>
        <translation>Fecha de &amp;fin:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
</context>
<context>
    <name>CampaignPanel</name>
    <message>
        <source>Select a campaign in the list to see its details, or create one with New campaign…</source>
        <translation>Seleccione una campaña de la lista para ver sus detalles, o cree una con Nueva campaña…</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Inicio:</translation>
    </message>
    <message>
        <source>End:</source>
        <translation>Fin:</translation>
    </message>
    <message>
        <source>Created by:</source>
        <translation>Creado por:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Actualizado:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descripción:</translation>
    </message>
    <message>
        <source>Assigned agents</source>
        <translation>Agentes asignados</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Assign agents…</source>
        <translation>Asignar agentes…</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Cargar archivo…</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Cargas</translation>
    </message>
    <message>
        <source>Drop CSV or Excel files here to import them into this campaign.</source>
        <translation>Arrastre aquí archivos CSV o Excel para cargarlos en esta campaña.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(inactivo)</translation>
    </message>
    <message>
        <source>No agents assigned yet.</source>
        <translation>Todavía no hay agentes asignados.</translation>
    </message>
    <message>
        <source>The uploads list could not be shown; see the log file.</source>
        <translation>No se pudo mostrar la lista de cargas; consulte el archivo de registro.</translation>
    </message>
    <message>
        <source>Import into {name}</source>
        <translation>Cargar en {name}</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>Hojas de cálculo ({patterns})</translation>
    </message>
</context>
<context>
    <name>CampaignUploadsWidget</name>
    <message>
        <source>Rejected rows…</source>
        <translation>Filas rechazadas…</translation>
    </message>
    <message>
        <source>All records…</source>
        <translation>Todos los registros…</translation>
    </message>
    <message>
        <source>Campaign records</source>
        <translation>Registros de la campaña</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Search campaigns by name or description (Ctrl+F)</source>
        <translation>Buscar campañas por nombre o descripción (Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>Nueva campaña…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Assign agents…</source>
        <translation>Asignar agentes…</translation>
    </message>
    <message>
        <source>No campaigns yet. Create the first one with New campaign… (Ctrl+N), then bring in its records with File &gt; Import file… or by dropping a CSV or Excel file on it.</source>
        <translation>Todavía no hay campañas. Cree la primera con Nueva campaña… (Ctrl+N) y luego traiga sus registros con Archivo &gt; Cargar archivo… o soltando sobre ella un archivo CSV o de Excel.</translation>
    </message>
    <message>
        <source>No campaign is assigned to you yet. Your supervisor assigns campaigns to agents.</source>
        <translation>Todavía no tiene ninguna campaña asignada. Su supervisor asigna las campañas a los agentes.</translation>
    </message>
    <message>
        <source>Delete the campaign “{name}”?</source>
        <translation>¿Eliminar la campaña “{name}”?</translation>
    </message>
    <message>
        <source>This also removes its {uploads} upload(s) with {records} record(s) and its {assignments} agent assignment(s). This cannot be undone.</source>
        <translation>También se eliminarán sus {uploads} carga(s) con {records} registro(s) y sus {assignments} asignación(es) de agentes. Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>Eliminar campaña</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connecting to the change feed…</source>
        <translation>Conectando con el canal de cambios…</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Database</source>
        <extracomment>The new settings were saved; the controller reconnects with them.</extracomment>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>In use: {db}</source>
        <translation>En uso: {db}</translation>
    </message>
    <message>
        <source>&amp;Built-in database on this computer</source>
        <translation>&amp;Base de datos integrada en este equipo</translation>
    </message>
    <message>
        <source>&amp;Shared PostgreSQL server</source>
        <translation>&amp;Servidor PostgreSQL compartido</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>guardada en el llavero del sistema</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usar</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL del servidor:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Contrase&amp;ña:</translation>
    </message>
    <message>
        <source>Administrator authorization</source>
        <translation>Autorización del administrador</translation>
    </message>
    <message>
        <source>Only an administrator can change the database.</source>
        <translation>Solo un administrador puede cambiar la base de datos.</translation>
    </message>
    <message>
        <source>Admin e-&amp;mail:</source>
        <translation>&amp;Correo del administrador:</translation>
    </message>
    <message>
        <source>Admin pass&amp;word:</source>
        <translation>Contrase&amp;ña del administrador:</translation>
    </message>
    <message>
        <source>Save and reconnect</source>
        <translation>Guardar y reconectar</translation>
    </message>
    <message>
        <source>Enter the server URL, e.g. postgresql://user@server/welcomedly.</source>
        <translation>Ingrese la URL del servidor, por ejemplo postgresql://usuario@servidor/welcomedly.</translation>
    </message>
    <message>
        <source>This is not a valid database URL.</source>
        <translation>Esta no es una URL de base de datos válida.</translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation>Contraseña no recordada</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the database password cannot be remembered here. It is used for this session only; you will be asked for it at the next start.</source>
        <translation>Este equipo no tiene un llavero del sistema, así que la contraseña de la base de datos no se puede recordar aquí. Se usará solo en esta sesión; se la pediremos de nuevo la próxima vez que inicie el programa.</translation>
    </message>
</context>
<context>
    <name>DispositionsDialog</name>
    <message>
        <source>Dispositions</source>
        <translation>Tipificaciones</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Éxito</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <source>Closes record</source>
        <translation>Cierra el registro</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Contacts and successes in every report are the attempts whose disposition has those flags; changing a flag changes past reports too.</source>
        <translation>En todos los informes, los contactos y los éxitos son los intentos cuya tipificación tiene esas marcas; cambiar una marca también cambia los informes anteriores.</translation>
    </message>
    <message>
        <source>Add for this campaign</source>
        <translation>Agregar para esta campaña</translation>
    </message>
    <message>
        <source>Add global</source>
        <translation>Agregar global</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>campaña</translation>
    </message>
</context>
<context>
    <name>DncDialog</name>
    <message>
        <source>Add to the do-not-call list</source>
        <translation>Agregar a la lista de no llamar</translation>
    </message>
    <message>
        <source>As people write it, e.g. 312 490 0097</source>
        <translation>Como se escribe, p. ej. 312 490 0097</translation>
    </message>
    <message>
        <source>Every campaign</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>Optional, e.g. asked not to be called</source>
        <translation>Opcional, p. ej. pidió que no lo llamen</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>&amp;Lista:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Campaign {name}</source>
        <translation>Campaña {name}</translation>
    </message>
</context>
<context>
    <name>DncModel</name>
    <message>
        <source>Every campaign</source>
        <translation>Todas las campañas</translation>
    </message>
</context>
<context>
    <name>DncPage</name>
    <message>
        <source>Search the numbers shown, their list or reason (Ctrl+F)</source>
        <translation>Buscar en los números mostrados, su lista o su motivo (Ctrl+F)</translation>
    </message>
    <message>
        <source>Add number…</source>
        <translation>Agregar número…</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Cargar archivo…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>No numbers on the do-not-call list yet. Add one with Add number… (Ctrl+N), or import a file of them with Import file… (Ctrl+I).</source>
        <translation>Todavía no hay números en la lista de no llamar. Agregue uno con Agregar número… (Ctrl+N) o cargue un archivo con Cargar archivo… (Ctrl+I).</translation>
    </message>
    <message>
        <source>Showing the newest {shown} of {total} numbers on the list.</source>
        <translation>Se muestran los {shown} más recientes de {total} números de la lista.</translation>
    </message>
    <message>
        <source>Import do-not-call numbers</source>
        <translation>Importar números de no llamar</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>Hojas de cálculo ({patterns})</translation>
    </message>
    <message>
        <source>From {file}, numbers added to the do-not-call list: {added}; already on it: {already}; rows without a valid phone: {rejected}.</source>
        <translation>De {file}, números agregados a la lista de no llamar: {added}; ya estaban: {already}; filas sin un teléfono válido: {rejected}.</translation>
    </message>
    <message>
        <source>Remove {phone} from the do-not-call list? It can be called again.</source>
        <translation>¿Quitar {phone} de la lista de no llamar? Se podrá volver a llamar.</translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation>Quitar número</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Welcomedly — first start</source>
        <translation>Welcomedly — primer inicio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;This database has no user accounts yet. Create the first administrator account; you can add supervisors and agents afterwards.</source>
        <translation>&lt;h2&gt;Bienvenido&lt;/h2&gt;Esta base de datos todavía no tiene cuentas de usuario. Cree la primera cuenta de administrador; después podrá agregar supervisores y agentes.</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repita la contraseña:</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;País:</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Crear administrador</translation>
    </message>
    <message>
        <source>Database…</source>
        <translation>Base de datos…</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import {file}</source>
        <extracomment>The progress dialog that took over (tests follow it). The format choices the shown preview was read with (None before the first one). Import was clicked while a re-read was under way: start once it is in (issue 18, #4).</extracomment>
        <translation>Cargar {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Leyendo {file}…</translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>Coma</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>Punto y coma</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation>Barra vertical</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Codificación:</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>Delimitador:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Hoja:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Columns not chosen here are kept with each record as extra data.</source>
        <translation>Las columnas que no elija aquí se guardan con cada registro como datos adicionales.</translation>
    </message>
    <message>
        <source>Skip phones already in this campaign</source>
        <translation>Omitir los teléfonos que ya están en esta campaña</translation>
    </message>
    <message>
        <source>Skip phones already in any campaign</source>
        <translation>Omitir los teléfonos que ya están en cualquier campaña</translation>
    </message>
    <message>
        <source>Keep phones already imported (only repeats inside the file are skipped)</source>
        <translation>Conservar los teléfonos ya cargados (solo se omiten los repetidos dentro del archivo)</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplicados:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Cargar</translation>
    </message>
    <message>
        <source>{file} cannot be imported.</source>
        <translation>{file} no se puede cargar.</translation>
    </message>
    <message>
        <source>{size:,} bytes</source>
        <translation>{size:,} bytes</translation>
    </message>
    <message>
        <source>header in row {n}</source>
        <translation>encabezado en la fila {n}</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>sin fila de encabezado</translation>
    </message>
    <message>
        <source>a link to {path}</source>
        <translation>un enlace a {path}</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— no se carga —</translation>
    </message>
    <message>
        <source>Choose the column that holds the phone number.</source>
        <translation>Elija la columna que contiene el número de teléfono.</translation>
    </message>
    <message>
        <source>Each column can feed only one field.</source>
        <translation>Cada columna puede alimentar un solo campo.</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <source>Importing {file}</source>
        <translation>Cargando {file}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancelling… (undoing everything this import added)</source>
        <translation>Cancelando… (se deshace todo lo que agregó esta carga)</translation>
    </message>
    <message>
        <source>Elapsed: {m}:{s:02d}</source>
        <translation>Tiempo transcurrido: {m}:{s:02d}</translation>
    </message>
    <message>
        <source>Reading and checking rows…</source>
        <translation>Leyendo y verificando filas…</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Buscando duplicados…</translation>
    </message>
    <message>
        <source>Saving records…</source>
        <translation>Guardando registros…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>{rows:,} rows · {rate:,.0f} rows/s</source>
        <translation>{rows:,} filas · {rate:,.0f} filas/s</translation>
    </message>
    <message>
        <source>Imported {file}.</source>
        <translation>Se cargó {file}.</translation>
    </message>
    <message>
        <source>{imported:,} records added from {total:,} rows: {rejected:,} rejected, {duplicates:,} duplicates, {dnc:,} on the do-not-call list ({seconds:.1f} s). The rejected rows are listed on the Uploads page.</source>
        <translation>Se agregaron {imported:,} registros de {total:,} filas: {rejected:,} rechazadas, {duplicates:,} duplicadas, {dnc:,} en la lista de no llamar ({seconds:.1f} s). Las filas rechazadas aparecen en la página Cargas.</translation>
    </message>
    <message>
        <source>{warnings:,} of the records were added with a warning: their number has the right length but the numbering plan does not know it; they are listed with the rejected rows.</source>
        <translation>{warnings:,} de los registros se agregaron con una advertencia: su número tiene la longitud correcta, pero el plan de numeración no lo conoce; aparecen junto con las filas rechazadas.</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Carga cancelada.</translation>
    </message>
    <message>
        <source>Nothing was added to the campaign.</source>
        <translation>No se agregó nada a la campaña.</translation>
    </message>
    <message>
        <source>The file was not imported.</source>
        <translation>El archivo no se cargó.</translation>
    </message>
    <message>
        <source>The import failed.</source>
        <translation>La carga falló.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Each language in its own name (never translated), after &quot;follow the system&quot;.</extracomment>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Welcomedly uses the new language from the next start.</source>
        <translation>Welcomedly usará el nuevo idioma a partir del próximo inicio.</translation>
    </message>
</context>
<context>
    <name>LiveFeed</name>
    <message>
        <source>Database unreachable: {server}. Reconnecting…</source>
        <extracomment>Notifications arriving within this window are delivered as one batch. list[Change] from other workstations (this process&apos;s own changes are left out). (connected, one sentence for the status bar) The feed is back after a loss: open views should reload fully. The server ended the app session this feed belonged to (SessionEnded): it stops for good. The app session&apos;s token, asked at each connect (None on the built-in database).</extracomment>
        <translation>No se puede acceder a la base de datos: {server}. Reconectando…</translation>
    </message>
    <message>
        <source>Live: {server}</source>
        <translation>En vivo: {server}</translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>Not loaded yet</source>
        <extracomment>data_changed kinds that can move a figure of the floor Emitted after a snapshot was drawn (tests wait for it).</extracomment>
        <translation>Todavía no se ha cargado</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Worked today</source>
        <translation>Trabajados hoy</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Successes</source>
        <translation>Éxitos</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>Rellamadas pendientes</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Con sesión iniciada</translation>
    </message>
    <message>
        <source>Current campaign</source>
        <translation>Campaña actual</translation>
    </message>
    <message>
        <source>Attempts (last hour)</source>
        <translation>Intentos (última hora)</translation>
    </message>
    <message>
        <source>Contacts (last hour)</source>
        <translation>Contactos (última hora)</translation>
    </message>
    <message>
        <source>Since last outcome</source>
        <translation>Desde el último resultado</translation>
    </message>
    <message>
        <source>Campaigns today</source>
        <translation>Campañas de hoy</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Could not update the floor; retrying with the next change.</source>
        <translation>No se pudo actualizar la vista en vivo; se volverá a intentar con el próximo cambio.</translation>
    </message>
    <message>
        <source>Logged in: open sessions on the server.</source>
        <translation>Con sesión iniciada: sesiones abiertas en el servidor.</translation>
    </message>
    <message>
        <source>Logged in: each agent&apos;s last login or logout today in the audit log, because this database keeps no server sessions.</source>
        <translation>Con sesión iniciada: el último inicio o cierre de sesión de cada agente hoy según la auditoría, porque esta base de datos no guarda sesiones en el servidor.</translation>
    </message>
    <message>
        <source>Updated at {time}</source>
        <translation>Actualizado a las {time}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Welcomedly — Log in</source>
        <translation>Welcomedly — Iniciar sesión</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcomedly&lt;/h2&gt;Log in with your e-mail and password.</source>
        <translation>&lt;h2&gt;Welcomedly&lt;/h2&gt;Inicie sesión con su correo electrónico y su contraseña.</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nombre@empresa.com</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Database…</source>
        <translation>&amp;Base de datos…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New…</source>
        <extracomment>Other workstations change the same data; a list older than this is reloaded when the user comes back to it (page switch or window re-activated). F5 is always there for &quot;now&quot;. The user closed the window (quit), as opposed to logging out.</extracomment>
        <translation>&amp;Nuevo…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>C&amp;argar archivo…</translation>
    </message>
    <message>
        <source>My &amp;profile…</source>
        <translation>Mi &amp;perfil…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Copias de seguridad…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Welcomedly</source>
        <translation>&amp;Acerca de Welcomedly</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>{name} ({email}) — {role}</source>
        <translation>{name} ({email}) — {role}</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <source>Welcomedly — {name}</source>
        <translation>Welcomedly — {name}</translation>
    </message>
    <message>
        <source>This page could not be opened; see the log file for details.</source>
        <translation>No se pudo abrir esta página; consulte el archivo de registro para ver los detalles.</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Cargar archivo</translation>
    </message>
    <message>
        <source>Select the campaign to import into in the list, then choose Import file… again.</source>
        <translation>Seleccione en la lista la campaña a la que desea cargar el archivo y luego elija de nuevo Cargar archivo…</translation>
    </message>
    <message>
        <source>Welcomedly Desktop {version}

Database: {db}
Data folder: {data}
Log file: {log}</source>
        <translation>Welcomedly Desktop {version}

Base de datos: {db}
Carpeta de datos: {data}
Archivo de registro: {log}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>About Welcomedly</source>
        <translation>Acerca de Welcomedly</translation>
    </message>
    <message>
        <source>built-in</source>
        <extracomment>The change feed&apos;s entities -&gt; the data_changed kinds the pages listen to. The kind whose pages list rows of the entity (ids in a change are that kind&apos;s row ids).</extracomment>
        <translation>integrada</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repita la contraseña:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>My profile</source>
        <translation>Mi perfil</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Guardar perfil</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>Contraseña &amp;actual:</translation>
    </message>
    <message>
        <source>Ne&amp;w password:</source>
        <translation>&amp;Nueva contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Repita la nueva contraseña:</translation>
    </message>
    <message>
        <source>Your profile was changed on another workstation; close this dialog and open it again.</source>
        <translation>Su perfil se modificó en otra estación de trabajo; cierre este cuadro de diálogo y vuelva a abrirlo.</translation>
    </message>
    <message>
        <source>Your profile was saved.</source>
        <translation>Se guardó su perfil.</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Se cambió su contraseña.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Alternate phone</source>
        <translation>Teléfono alternativo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>ID externo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Row in file</source>
        <translation>Fila en el archivo</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Search phone or name</source>
        <extracomment>Emitted (GUI thread) after a page arrived; tests and the status label listen. Total number of records matching the filter. Live: rows a change named were brought up to date in place (tests wait for it). Live: a reload is about to replace the rows / has replaced them (the view keeps its selection).</extracomment>
        <translation>Buscar teléfono o nombre</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Todos los agentes</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>{n:,} records loaded</source>
        <translation>{n:,} registros cargados</translation>
    </message>
    <message>
        <source>No records match.</source>
        <translation>Ningún registro coincide.</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 registro</translation>
    </message>
    <message>
        <source>{n:,} records</source>
        <translation>{n:,} registros</translation>
    </message>
    <message>
        <source>{n:,} records (showing {loaded:,})</source>
        <translation>{n:,} registros (se muestran {loaded:,})</translation>
    </message>
</context>
<context>
    <name>RejectsDialog</name>
    <message>
        <source>Rejected rows — {file}</source>
        <translation>Filas rechazadas — {file}</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} rows shown; the CSV export has them all.</source>
        <translation>Se muestran {shown:,} de {total:,} filas; la exportación CSV las incluye todas.</translation>
    </message>
    <message>
        <source>{total:,} rows were not imported.</source>
        <translation>{total:,} filas no se cargaron.</translation>
    </message>
    <message>
        <source>{warnings:,} rows were imported with a warning: the numbering plan does not know their number.</source>
        <translation>{warnings:,} filas se cargaron con una advertencia: el plan de numeración no conoce su número.</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>Exportar filas rechazadas</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Campaign report</source>
        <extracomment>data_changed kinds after which the subject lists are reloaded data_changed kinds that make a shown report out of date Emitted after a report was drawn (tests wait for it). Emitted after an export finished, with the file written. The main window re-reads can_print_page when this fires.</extracomment>
        <translation>Informe de campaña</translation>
    </message>
    <message>
        <source>Agent report</source>
        <translation>Informe de agente</translation>
    </message>
    <message>
        <source>My agent report</source>
        <translation>Mi informe de agente</translation>
    </message>
    <message>
        <source>Range…</source>
        <translation>Rango…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>Vista previa de impresión…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Export records…</source>
        <translation>Exportar registros…</translation>
    </message>
    <message>
        <source>Every record of the campaign with its last disposition</source>
        <translation>Todos los registros de la campaña con su última tipificación</translation>
    </message>
    <message>
        <source>Dispositions…</source>
        <translation>Tipificaciones…</translation>
    </message>
    <message>
        <source>The call outcomes and the flags that define contacts and successes</source>
        <translation>Los resultados de llamada y las marcas que definen los contactos y los éxitos</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Choose a report and press Show.</source>
        <translation>Elija un informe y presione Mostrar.</translation>
    </message>
    <message>
        <source>The data changed since this report was computed; press Show to update it.</source>
        <translation>Los datos cambiaron desde que se calculó este informe; presione Mostrar para actualizarlo.</translation>
    </message>
    <message>
        <source>Your account is not linked to an agent profile.</source>
        <translation>Su cuenta no está vinculada a un perfil de agente.</translation>
    </message>
    <message>
        <source>Nothing to report on yet.</source>
        <translation>Todavía no hay datos para informar.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>The report could not be computed.</source>
        <translation>No se pudo calcular el informe.</translation>
    </message>
    <message>
        <source>{subject}, {period}; computed {at}.</source>
        <translation>{subject}, {period}; calculado el {at}.</translation>
    </message>
    <message>
        <source>No calls in this period.</source>
        <translation>No hay llamadas en este período.</translation>
    </message>
    <message>
        <source>Print preview — {subject}</source>
        <translation>Vista previa de impresión — {subject}</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>The PDF could not be written: {e}</source>
        <translation>No se pudo escribir el PDF: {e}</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>Exportar registros</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting records…</source>
        <translation>Exportando registros…</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>Se guardó {file}.</translation>
    </message>
    <message>
        <source>Saved {rows:,} records to {file}.</source>
        <translation>Se guardaron {rows:,} registros en {file}.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role of {name}</source>
        <translation>Cambiar el rol de {name}</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
</context>
<context>
    <name>SessionsPanel</name>
    <message>
        <source>Signed-in sessions</source>
        <extracomment>Emitted after a load delivered its rows (tests wait for it).</extracomment>
        <translation>Sesiones iniciadas</translation>
    </message>
    <message>
        <source>Refresh sessions</source>
        <translation>Actualizar sesiones</translation>
    </message>
    <message>
        <source>End session…</source>
        <translation>Finalizar sesión…</translation>
    </message>
    <message>
        <source>Sessions are kept only when workstations sign in to a shared office server with the workstation account, so there is nothing to list on this database.</source>
        <translation>Las sesiones solo se registran cuando los equipos inician sesión en un servidor compartido de la oficina con la cuenta de los equipos, por lo que no hay nada que mostrar en esta base de datos.</translation>
    </message>
    <message>
        <source>Nobody is signed in at the moment.</source>
        <translation>En este momento nadie tiene la sesión iniciada.</translation>
    </message>
    <message>
        <source>This is your own session: use File &gt; Log out.</source>
        <translation>Esta es su propia sesión: use Archivo &gt; Cerrar sesión.</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Finalizar sesión</translation>
    </message>
    <message>
        <source>End {name}&apos;s session on {workstation}? That window returns to the login dialog and anything not yet saved there is lost.</source>
        <translation>¿Finalizar la sesión de {name} en {workstation}? Esa ventana vuelve al inicio de sesión y se pierde lo que no se haya guardado allí.</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <source>Search (Ctrl+F)</source>
        <extracomment>The main window re-reads can_* when this fires (selection or data changed). Emitted after a refresh delivered its rows (tests and the smoke test wait for it). Emitted after a targeted refresh brought the rows a change named up to date. The main window reloads this page when the user returns to it with old data. The data_changed kind whose ids are this page&apos;s row ids; such a change with ChangedIds refreshes only those rows (through :meth:`load_rows`). None: every change reloads.</extracomment>
        <translation>Buscar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>Todavía no hay nada aquí.</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>Se muestran {shown} de {total}</translation>
    </message>
    <message>
        <source>{total} in total</source>
        <translation>{total} en total</translation>
    </message>
</context>
<context>
    <name>UploadActions</name>
    <message>
        <source>Records from {file}</source>
        <extracomment>The rejected-rows table shows this many; the CSV export always has all of them.</extracomment>
        <translation>Registros de {file}</translation>
    </message>
</context>
<context>
    <name>UploadsPage</name>
    <message>
        <source>Search uploads by file, campaign, status or user (Ctrl+F)</source>
        <translation>Buscar cargas por archivo, campaña, estado o usuario (Ctrl+F)</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Cargar archivo…</translation>
    </message>
    <message>
        <source>Rejected rows…</source>
        <translation>Filas rechazadas…</translation>
    </message>
    <message>
        <source>Records…</source>
        <translation>Registros…</translation>
    </message>
    <message>
        <source>Open original</source>
        <translation>Abrir original</translation>
    </message>
    <message>
        <source>Choose a campaign above, then drop CSV or Excel files here.</source>
        <translation>Elija una campaña arriba y luego arrastre aquí archivos CSV o Excel.</translation>
    </message>
    <message>
        <source>Only administrators and supervisors see uploads.</source>
        <translation>Solo los administradores y los supervisores ven las cargas.</translation>
    </message>
    <message>
        <source>No files imported yet. Choose a campaign above, then Import file… (Ctrl+N), or drop a CSV or Excel file on this page.</source>
        <translation>Todavía no se ha cargado ningún archivo. Elija una campaña arriba y luego Cargar archivo… (Ctrl+N), o suelte un archivo CSV o de Excel en esta página.</translation>
    </message>
    <message>
        <source>No files were imported into your campaigns yet.</source>
        <translation>Todavía no se ha cargado ningún archivo en sus campañas.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Cargar</translation>
    </message>
    <message>
        <source>Choose the campaign to import into first.</source>
        <translation>Primero elija la campaña en la que desea cargar el archivo.</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Cargar archivo</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>Hojas de cálculo ({patterns})</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Search users by name or e-mail (Ctrl+F)</source>
        <translation>Buscar usuarios por nombre o correo (Ctrl+F)</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>Nuevo usuario…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Cambiar rol…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Desactivar usuario</translation>
    </message>
    <message>
        <source>Deactivate {name}? They will no longer be able to log in, and their open sessions on every workstation are ended.</source>
        <translation>¿Desactivar a {name}? Ya no podrá iniciar sesión y se finalizarán sus sesiones abiertas en todos los equipos.</translation>
    </message>
</context>
<context>
    <name>WorkQueuePage</name>
    <message>
        <source>Callback due</source>
        <translation>Rellamada pendiente</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintento</translation>
    </message>
    <message>
        <source>Agent</source>
        <extracomment>Emitted after the queue and the current record were drawn (tests wait for it). Emitted after an outcome was saved (record id).</extracomment>
        <translation>Agente</translation>
    </message>
    <message>
        <source>balanced round-robin</source>
        <translation>turnos equilibrados</translation>
    </message>
    <message>
        <source>by agent share</source>
        <translation>según la proporción de cada agente</translation>
    </message>
    <message>
        <source>Distribute unassigned records</source>
        <translation>Repartir los registros sin asignar</translation>
    </message>
    <message>
        <source>Move open records…</source>
        <translation>Mover registros abiertos…</translation>
    </message>
    <message>
        <source>Move this agent&apos;s open records to the others</source>
        <translation>Pasar los registros abiertos de este agente a los demás</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Rellamada</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Other phone</source>
        <translation>Otro teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>ID externo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>More data</source>
        <translation>Más datos</translation>
    </message>
    <message>
        <source>Previous attempts</source>
        <translation>Intentos anteriores</translation>
    </message>
    <message>
        <source>Outcome of this call</source>
        <translation>Resultado de esta llamada</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Notes for the next person who calls</source>
        <translation>Notas para la próxima persona que llame</translation>
    </message>
    <message>
        <source>Save and next</source>
        <translation>Guardar y siguiente</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Next record</source>
        <translation>Siguiente registro</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Tiempo de conversación</translation>
    </message>
    <message>
        <source>Call back at</source>
        <translation>Volver a llamar el</translation>
    </message>
    <message>
        <source>Read-only: supervisors see an agent&apos;s queue but do not record calls.</source>
        <translation>Solo lectura: los supervisores ven la cola de un agente, pero no registran llamadas.</translation>
    </message>
    <message>
        <source>There are no agents yet.</source>
        <translation>Todavía no hay agentes.</translation>
    </message>
    <message>
        <source>{name}: {ready} ready — {cb} callbacks due, {new} new, {retry} retries; {later} callbacks later.</source>
        <translation>{name}: {ready} listos — {cb} rellamadas pendientes, {new} nuevos, {retry} reintentos; {later} rellamadas más adelante.</translation>
    </message>
    <message>
        <source>No record to call right now</source>
        <translation>No hay registros para llamar en este momento</translation>
    </message>
    <message>
        <source>Choose the outcome…</source>
        <translation>Elija el resultado…</translation>
    </message>
    <message>
        <source>Handed out</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Move records</source>
        <translation>Mover registros</translation>
    </message>
    <message>
        <source>Move every open record of {agent} in {campaign} to the campaign&apos;s other agents?</source>
        <translation>¿Pasar todos los registros abiertos de {agent} en {campaign} a los demás agentes de la campaña?</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Movidos</translation>
    </message>
    <message>
        <source>{verb} {n:,} records{detail}.</source>
        <translation>{verb} {n:,} registros{detail}.</translation>
    </message>
    <message>
        <source>Someone else took this record while you had it open; your notes are still here to copy, and Next record moves on.</source>
        <extracomment>Changes arriving within this time cost one reload.</extracomment>
        <translation>Otra persona tomó este registro mientras usted lo tenía abierto; sus notas siguen aquí para copiarlas, y Siguiente registro continúa.</translation>
    </message>
    <message>
        <source>This record was deleted while you had it open; your notes are still here to copy, and Next record moves on.</source>
        <translation>Este registro se eliminó mientras usted lo tenía abierto; sus notas siguen aquí para copiarlas, y Siguiente registro continúa.</translation>
    </message>
    <message>
        <source>Someone else closed this record while you had it open; your notes are still here to copy, and Next record moves on.</source>
        <translation>Otra persona cerró este registro mientras usted lo tenía abierto; sus notas siguen aquí para copiarlas, y Siguiente registro continúa.</translation>
    </message>
    <message>
        <source>Someone else recorded a call on this record while you had it open; check its previous attempts before saving.</source>
        <translation>Otra persona registró una llamada en este registro mientras usted lo tenía abierto; revise sus intentos anteriores antes de guardar.</translation>
    </message>
</context>
<context>
    <name>auditAction</name>
    <message>
        <source>Agent reactivated</source>
        <extracomment>Every action the services write to the audit log, in words.</extracomment>
        <translation>Agente reactivado</translation>
    </message>
    <message>
        <source>Agent created</source>
        <translation>Agente creado</translation>
    </message>
    <message>
        <source>Agent deactivated</source>
        <translation>Agente desactivado</translation>
    </message>
    <message>
        <source>Agent changed</source>
        <translation>Agente modificado</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Copia de seguridad realizada</translation>
    </message>
    <message>
        <source>Backup operation failed</source>
        <translation>Falló una operación de copia de seguridad</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Copia de seguridad restaurada</translation>
    </message>
    <message>
        <source>Backup retention applied</source>
        <translation>Retención de copias de seguridad aplicada</translation>
    </message>
    <message>
        <source>Backup verified</source>
        <translation>Copia de seguridad verificada</translation>
    </message>
    <message>
        <source>Agents assigned to a campaign</source>
        <translation>Agentes asignados a una campaña</translation>
    </message>
    <message>
        <source>Campaign country changed</source>
        <translation>País de la campaña modificado</translation>
    </message>
    <message>
        <source>Campaign created</source>
        <translation>Campaña creada</translation>
    </message>
    <message>
        <source>Campaign deleted</source>
        <translation>Campaña eliminada</translation>
    </message>
    <message>
        <source>Agent removed from a campaign</source>
        <translation>Agente quitado de una campaña</translation>
    </message>
    <message>
        <source>Campaign changed</source>
        <translation>Campaña modificada</translation>
    </message>
    <message>
        <source>Demo data added</source>
        <translation>Datos de demostración agregados</translation>
    </message>
    <message>
        <source>Outcome created</source>
        <translation>Tipificación creada</translation>
    </message>
    <message>
        <source>Outcome changed</source>
        <translation>Tipificación modificada</translation>
    </message>
    <message>
        <source>Number added to the do-not-call list</source>
        <translation>Número agregado a la lista de no llamar</translation>
    </message>
    <message>
        <source>Do-not-call list imported</source>
        <translation>Lista de no llamar cargada</translation>
    </message>
    <message>
        <source>Number removed from the do-not-call list</source>
        <translation>Número quitado de la lista de no llamar</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Inicio de sesión fallido</translation>
    </message>
    <message>
        <source>Account locked after failed logins</source>
        <translation>Cuenta bloqueada tras inicios de sesión fallidos</translation>
    </message>
    <message>
        <source>Login refused: account locked</source>
        <translation>Inicio de sesión rechazado: cuenta bloqueada</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Inicio de sesión</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Cierre de sesión</translation>
    </message>
    <message>
        <source>Records handed out to agents</source>
        <translation>Registros repartidos entre los agentes</translation>
    </message>
    <message>
        <source>Records exported</source>
        <translation>Registros exportados</translation>
    </message>
    <message>
        <source>Records moved between agents</source>
        <translation>Registros pasados de un agente a otros</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>Informe exportado</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>Sesión finalizada</translation>
    </message>
    <message>
        <source>Organization setting changed</source>
        <translation>Configuración de la organización modificada</translation>
    </message>
    <message>
        <source>File uploaded</source>
        <translation>Archivo subido</translation>
    </message>
    <message>
        <source>File imported</source>
        <translation>Archivo cargado</translation>
    </message>
    <message>
        <source>User reactivated</source>
        <translation>Usuario reactivado</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>Usuario creado</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>Usuario desactivado</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Contraseña cambiada</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rol cambiado</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>Cuenta desbloqueada</translation>
    </message>
    <message>
        <source>User changed</source>
        <translation>Usuario modificado</translation>
    </message>
</context>
<context>
    <name>auditDetail</name>
    <message>
        <source>Active</source>
        <extracomment>The keys of the audit entries&apos; details (services&apos; ``audit.record(details=...)``, the server&apos;s ``app.audit`` and the nested before/after of an edit), in words.</extracomment>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Records per agent</source>
        <translation>Registros por agente</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Asignaciones</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Size in bytes</source>
        <translation>Tamaño en bytes</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Sessions closed</source>
        <translation>Sesiones cerradas</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Repeated phones checked</source>
        <translation>Teléfonos repetidos revisados</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>On the do-not-call list</source>
        <translation>En la lista de no llamar</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Fecha de fin</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>Intentos fallidos</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>First user</source>
        <translation>Primer usuario</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>From agent</source>
        <translation>Del agente</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Cargados</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interacciones</translation>
    </message>
    <message>
        <source>Previous data kept as</source>
        <translation>Datos anteriores guardados como</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Bloqueada hasta</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Movidos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>File really read</source>
        <translation>Archivo leído realmente</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Rows in the file</source>
        <translation>Filas del archivo</translation>
    </message>
    <message>
        <source>S3 copy</source>
        <translation>Copia en S3</translation>
    </message>
    <message>
        <source>Files missing from S3</source>
        <translation>Archivos que faltan en S3</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Segundos</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>SHA-256 checksum</source>
        <translation>Suma de comprobación SHA-256</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tablas</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>To agents</source>
        <translation>A los agentes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Cargas</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>Was locked</source>
        <translation>Estaba bloqueada</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Welcomedly Desktop: outbound calling campaigns. With no command, starts the desktop app.</source>
        <translation>Welcomedly Desktop: campañas de llamadas salientes. Sin ningún comando, abre la aplicación de escritorio.</translation>
    </message>
    <message>
        <source>shared PostgreSQL server (default: $WELCOMEDLY_DATABASE_URL, the settings file, or the built-in database)</source>
        <translation>servidor PostgreSQL compartido (predeterminado: $WELCOMEDLY_DATABASE_URL, el archivo de configuración o la base de datos integrada)</translation>
    </message>
    <message>
        <source>data folder (default: $WELCOMEDLY_DATA_DIR or the user data folder)</source>
        <translation>carpeta de datos (predeterminada: $WELCOMEDLY_DATA_DIR o la carpeta de datos del usuario)</translation>
    </message>
    <message>
        <source>start the desktop app, log in as $WELCOMEDLY_USER, open every page, exit</source>
        <translation>abrir la aplicación de escritorio, iniciar sesión como $WELCOMEDLY_USER, abrir todas las páginas y salir</translation>
    </message>
    <message>
        <source>log debug messages to stderr</source>
        <translation>escribir mensajes de depuración en stderr</translation>
    </message>
    <message>
        <source>interrupted; nothing more was changed.</source>
        <translation>interrumpido; no se cambió nada más.</translation>
    </message>
    <message>
        <source>an unexpected error stopped the command ({error}); details are in the log file {path}.</source>
        <translation>un error inesperado detuvo el comando ({error}); los detalles están en el archivo de registro {path}.</translation>
    </message>
    <message>
        <source>an unexpected error stopped the command ({error}); details are in the log file.</source>
        <translation>un error inesperado detuvo el comando ({error}); los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>agents</source>
        <translation>agentes</translation>
    </message>
    <message>
        <source>create an agent profile</source>
        <translation>crear un perfil de agente</translation>
    </message>
    <message>
        <source>list agents</source>
        <translation>listar los agentes</translation>
    </message>
    <message>
        <source>assign agents to a campaign</source>
        <translation>asignar agentes a una campaña</translation>
    </message>
    <message>
        <source>agent id (repeat for several)</source>
        <translation>ID del agente (repítalo para varios)</translation>
    </message>
    <message>
        <source>Created agent {id}: {name} &lt;{email}&gt;.</source>
        <translation>Agente {id} creado: {name} &lt;{email}&gt;.</translation>
    </message>
    <message>
        <source>Campaign {campaign_id}: assigned agents {added}; already assigned: {already}.</source>
        <translation>Campaña {campaign_id}: agentes asignados {added}; ya estaban asignados: {already}.</translation>
    </message>
    <message>
        <source>country of the campaign&apos;s phone numbers (ISO 3166 alpha-2, e.g. CO; &quot;&quot; for the organization&apos;s)</source>
        <translation>país de los teléfonos de la campaña (ISO 3166 alfa-2, p. ej. CO; &quot;&quot; para el de la organización)</translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation>campañas</translation>
    </message>
    <message>
        <source>create a campaign</source>
        <translation>crear una campaña</translation>
    </message>
    <message>
        <source>list campaigns</source>
        <translation>listar las campañas</translation>
    </message>
    <message>
        <source>show one campaign</source>
        <translation>mostrar una campaña</translation>
    </message>
    <message>
        <source>change a campaign</source>
        <translation>cambiar una campaña</translation>
    </message>
    <message>
        <source>delete a campaign with its uploads, records and assignments</source>
        <translation>eliminar una campaña con sus cargas, registros y asignaciones</translation>
    </message>
    <message>
        <source>Campaign {id}: {name}</source>
        <translation>Campaña {id}: {name}</translation>
    </message>
    <message>
        <source>the organization&apos;s</source>
        <translation>el de la organización</translation>
    </message>
    <message>
        <source>Deleted campaign {campaign_id} ({name}) with {uploads} uploads, {records} records and {assignments} agent assignments.</source>
        <translation>Campaña {campaign_id} ({name}) eliminada con {uploads} cargas, {records} registros y {assignments} asignaciones de agentes.</translation>
    </message>
    <message>
        <source>This command needs a logged-in user: pass --user EMAIL or set ${env_user} (and ${env_password}).</source>
        <translation>Este comando necesita un usuario con sesión iniciada: indique --user CORREO o defina ${env_user} (y ${env_password}).</translation>
    </message>
    <message>
        <source>No password given: set ${env_password} or run the command in a terminal.</source>
        <translation>No se indicó la contraseña: defina ${env_password} o ejecute el comando en una terminal.</translation>
    </message>
    <message>
        <source>Password for {email}: </source>
        <translation>Contraseña de {email}: </translation>
    </message>
    <message>
        <source>{value!r} is not a date in the form YYYY-MM-DD</source>
        <translation>{value!r} no es una fecha con la forma AAAA-MM-DD</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} no es un número entero</translation>
    </message>
    <message>
        <source>{value!r} must be a positive number</source>
        <translation>{value!r} debe ser un número positivo</translation>
    </message>
    <message>
        <source>act as this user (default $WELCOMEDLY_USER)</source>
        <translation>actuar como este usuario (predeterminado: $WELCOMEDLY_USER)</translation>
    </message>
    <message>
        <source>--out FILE is needed for the {fmt} format.</source>
        <translation>Se necesita --out ARCHIVO para el formato {fmt}.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>La carpeta {parent} no existe.</translation>
    </message>
    <message>
        <source>database schema and connection</source>
        <translation>esquema y conexión de la base de datos</translation>
    </message>
    <message>
        <source>apply pending migrations</source>
        <translation>aplicar las migraciones pendientes</translation>
    </message>
    <message>
        <source>current and head revision, server version (exit 3 when behind)</source>
        <translation>revisión actual y más reciente, versión del servidor (código de salida 3 si está atrasada)</translation>
    </message>
    <message>
        <source>print the database URL in use</source>
        <translation>mostrar la URL de la base de datos en uso</translation>
    </message>
    <message>
        <source>create or update the workstations&apos; login role (password from $WELCOMEDLY_NEW_PASSWORD)</source>
        <translation>crear o actualizar el rol de inicio de sesión de las estaciones de trabajo (contraseña tomada de $WELCOMEDLY_NEW_PASSWORD)</translation>
    </message>
    <message>
        <source>psql on the database in use, logged in as --user with that user&apos;s rights; every other argument goes to psql</source>
        <translation>psql sobre la base de datos en uso, con sesión iniciada como --user y con los permisos de ese usuario; los demás argumentos se pasan a psql</translation>
    </message>
    <message>
        <source>--user needs an e-mail</source>
        <translation>--user necesita un correo electrónico</translation>
    </message>
    <message>
        <source>This credential may not set up the database&apos;s roles and grants ({reason}); run &apos;db upgrade&apos; as the database owner with CREATEROLE, or as a superuser.</source>
        <translation>Esta credencial no puede configurar los roles y permisos de la base de datos ({reason}); ejecute &apos;db upgrade&apos; como propietario de la base de datos con CREATEROLE, o como superusuario.</translation>
    </message>
    <message>
        <source>Database already at the latest schema ({after}).</source>
        <translation>La base de datos ya tiene el esquema más reciente ({after}).</translation>
    </message>
    <message>
        <source>Database upgraded from {before} to {after}.</source>
        <translation>Base de datos actualizada de {before} a {after}.</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vacía</translation>
    </message>
    <message>
        <source>The database is behind; run &apos;welcomedly db upgrade&apos;.</source>
        <translation>La base de datos está desactualizada; ejecute &apos;welcomedly db upgrade&apos;.</translation>
    </message>
    <message>
        <source>The database is up to date.</source>
        <translation>La base de datos está actualizada.</translation>
    </message>
    <message>
        <source>The workstations&apos; database password: </source>
        <translation>Contraseña de base de datos de las estaciones de trabajo: </translation>
    </message>
    <message>
        <source>The role&apos;s password cannot be empty.</source>
        <translation>La contraseña del rol no puede estar vacía.</translation>
    </message>
    <message>
        <source>This credential may not create or update the workstation role ({reason}); run &apos;db client-role&apos; as a superuser, or as the owner with CREATEROLE that created the group role {group}.</source>
        <translation>Esta credencial no puede crear ni actualizar el rol de las estaciones ({reason}); ejecute &apos;db client-role&apos; como superusuario, o como el propietario con CREATEROLE que creó el rol de grupo {group}.</translation>
    </message>
    <message>
        <source>Created the workstation role {name}; point workstations at a URL with that user name (the app logs users in through it).</source>
        <translation>Se creó el rol de las estaciones de trabajo {name}; configure las estaciones con una URL que use ese nombre de usuario (la aplicación inicia la sesión de los usuarios a través de él).</translation>
    </message>
    <message>
        <source>Updated the workstation role {name}; point workstations at a URL with that user name (the app logs users in through it).</source>
        <translation>Se actualizó el rol de las estaciones de trabajo {name}; configure las estaciones con una URL que use ese nombre de usuario (la aplicación inicia la sesión de los usuarios a través de él).</translation>
    </message>
    <message>
        <source>No psql program was found.</source>
        <translation>No se encontró el programa psql.</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>datos de demostración</translation>
    </message>
    <message>
        <source>fill an empty database with a realistic demo (admin)</source>
        <translation>llenar una base de datos vacía con una demostración realista (administrador)</translation>
    </message>
    <message>
        <source>records in total (default 100000)</source>
        <translation>registros en total (predeterminado: 100000)</translation>
    </message>
    <message>
        <source>Demo ready: {campaigns} campaigns, {agents} agents, {records:,} records, {interactions:,} call attempts.</source>
        <translation>Demostración lista: {campaigns} campañas, {agents} agentes, {records:,} registros, {interactions:,} intentos de llamada.</translation>
    </message>
    <message>
        <source>a person was reached (counts as a contact)</source>
        <translation>se habló con una persona (cuenta como contacto)</translation>
    </message>
    <message>
        <source>a sale / goal (counts as a success)</source>
        <translation>una venta / meta cumplida (cuenta como éxito)</translation>
    </message>
    <message>
        <source>needs a callback date</source>
        <translation>requiere una fecha para volver a llamar</translation>
    </message>
    <message>
        <source>adds the number to the do-not-call list</source>
        <translation>agrega el número a la lista de no llamar</translation>
    </message>
    <message>
        <source>closes the record</source>
        <translation>cierra el registro</translation>
    </message>
    <message>
        <source>the disposition catalogue (call outcomes and their flags)</source>
        <translation>el catálogo de tipificaciones (resultados de llamada y sus marcas)</translation>
    </message>
    <message>
        <source>global dispositions, plus one campaign&apos;s additions</source>
        <translation>tipificaciones globales, más las propias de una campaña</translation>
    </message>
    <message>
        <source>include inactive dispositions</source>
        <translation>incluir las tipificaciones inactivas</translation>
    </message>
    <message>
        <source>add a disposition (global: admins; a campaign&apos;s: supervisors)</source>
        <translation>agregar una tipificación (global: administradores; de una campaña: supervisores)</translation>
    </message>
    <message>
        <source>only for this campaign (default: global)</source>
        <translation>solo para esta campaña (predeterminado: global)</translation>
    </message>
    <message>
        <source>rename, recolour, (de)activate or change flags</source>
        <translation>cambiar el nombre o el color, activar o desactivar, o cambiar las marcas</translation>
    </message>
    <message>
        <source>Nothing to change: give --name, --colour, --active or a flag.</source>
        <translation>No hay nada que cambiar: indique --name, --colour, --active o una marca.</translation>
    </message>
    <message>
        <source>export data</source>
        <translation>exportar datos</translation>
    </message>
    <message>
        <source>a campaign&apos;s records with their last disposition</source>
        <translation>los registros de una campaña con su última tipificación</translation>
    </message>
    <message>
        <source>Wrote {count:,} records to {out}.</source>
        <translation>Se escribieron {count:,} registros en {out}.</translation>
    </message>
    <message>
        <source>import a CSV/Excel lead file into a campaign</source>
        <translation>cargar un archivo CSV/Excel de registros en una campaña</translation>
    </message>
    <message>
        <source>.csv, .tsv, .txt, .xlsx, .xlsm, .xls or .ods</source>
        <translation>.csv, .tsv, .txt, .xlsx, .xlsm, .xls u .ods</translation>
    </message>
    <message>
        <source>map a file column to a field ({fields}); repeat as needed</source>
        <translation>asignar una columna del archivo a un campo ({fields}); repítalo las veces que necesite</translation>
    </message>
    <message>
        <source>workbook sheet (default: the first visible one)</source>
        <translation>hoja del libro (predeterminada: la primera visible)</translation>
    </message>
    <message>
        <source>drop phones already in this campaign (default), in any campaign, or none</source>
        <translation>descartar los teléfonos que ya están en esta campaña (predeterminado), en cualquier campaña o ninguno</translation>
    </message>
    <message>
        <source>text encoding (default: detected)</source>
        <translation>codificación del texto (predeterminada: se detecta)</translation>
    </message>
    <message>
        <source>CSV delimiter (default: detected)</source>
        <translation>delimitador del CSV (predeterminado: se detecta)</translation>
    </message>
    <message>
        <source>print the summary as JSON</source>
        <translation>mostrar el resumen como JSON</translation>
    </message>
    <message>
        <source>--map {item!r} must look like field=column (for example phone=Telefono).</source>
        <translation>--map {item!r} debe tener la forma campo=columna (por ejemplo phone=Telefono).</translation>
    </message>
    <message>
        <source>--map: {field!r} is not a field; use one of: {value}.</source>
        <translation>--map: {field!r} no es un campo; use uno de: {value}.</translation>
    </message>
    <message>
        <source>campaign and agent reports (PDF, CSV, XLSX, JSON)</source>
        <translation>informes de campaña y de agente (PDF, CSV, XLSX, JSON)</translation>
    </message>
    <message>
        <source>campaign performance report</source>
        <translation>informe de rendimiento de la campaña</translation>
    </message>
    <message>
        <source>agent activity report</source>
        <translation>informe de actividad del agente</translation>
    </message>
    <message>
        <source>first day, YYYY-MM-DD (default: 30 days before --to)</source>
        <translation>primer día, AAAA-MM-DD (predeterminado: 30 días antes de --to)</translation>
    </message>
    <message>
        <source>last day, YYYY-MM-DD (default: today)</source>
        <translation>último día, AAAA-MM-DD (predeterminado: hoy)</translation>
    </message>
    <message>
        <source>time zone of days and hours (default UTC)</source>
        <translation>zona horaria de los días y las horas (predeterminada: UTC)</translation>
    </message>
    <message>
        <source>output file (&apos;-&apos; or omitted prints JSON to stdout)</source>
        <translation>archivo de salida (&apos;-&apos; u omitido: imprime JSON en stdout)</translation>
    </message>
    <message>
        <source>Wrote {out} (1 page).</source>
        <translation>Se escribió {out} (1 página).</translation>
    </message>
    <message>
        <source>Wrote {out} ({pages} pages).</source>
        <translation>Se escribió {out} ({pages} páginas).</translation>
    </message>
    <message>
        <source>Wrote {out}.</source>
        <translation>Se escribió {out}.</translation>
    </message>
    <message>
        <source>uploaded files and their rejected rows</source>
        <translation>los archivos cargados y sus filas rechazadas</translation>
    </message>
    <message>
        <source>list the uploads of a campaign (or all)</source>
        <translation>listar las cargas de una campaña (o todas)</translation>
    </message>
    <message>
        <source>write the rejected rows of an upload to CSV</source>
        <translation>escribir las filas rechazadas de una carga en un CSV</translation>
    </message>
    <message>
        <source>also list the rows imported with a warning (a number unknown to the numbering plan)</source>
        <translation>incluir también las filas importadas con una advertencia (un número que el plan de numeración no conoce)</translation>
    </message>
    <message>
        <source>No uploads.</source>
        <translation>No hay cargas.</translation>
    </message>
    <message>
        <source>Wrote {count:,} rejected rows and {warnings:,} rows imported with a warning to {out}.</source>
        <translation>Se escribieron {count:,} filas rechazadas y {warnings:,} filas importadas con advertencia en {out}.</translation>
    </message>
    <message>
        <source>Wrote {count:,} rejected rows to {out}.</source>
        <translation>Se escribieron {count:,} filas rechazadas en {out}.</translation>
    </message>
    <message>
        <source>user accounts</source>
        <translation>cuentas de usuario</translation>
    </message>
    <message>
        <source>create a user (the first one becomes admin)</source>
        <translation>crear un usuario (el primero será administrador)</translation>
    </message>
    <message>
        <source>list users</source>
        <translation>listar los usuarios</translation>
    </message>
    <message>
        <source>clear a failed-login lock</source>
        <translation>quitar un bloqueo por intentos fallidos de inicio de sesión</translation>
    </message>
    <message>
        <source>no login: as the owner of the database (the computer account owning the built-in one)</source>
        <translation>sin iniciar sesión: como propietario de la base de datos (la cuenta del equipo a la que pertenece la base de datos integrada)</translation>
    </message>
    <message>
        <source>change a user&apos;s name, role or active flag (admin)</source>
        <translation>cambiar el nombre, el rol o el estado activo de un usuario (administrador)</translation>
    </message>
    <message>
        <source>No password given: set ${env_new_password} or run the command in a terminal.</source>
        <translation>No se indicó la contraseña: defina ${env_new_password} o ejecute el comando en una terminal.</translation>
    </message>
    <message>
        <source>New user&apos;s password: </source>
        <translation>Contraseña del nuevo usuario: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repita la contraseña: </translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>Created user {id}: {email} ({role}){extra}.</source>
        <translation>Usuario {id} creado: {email} ({role}){extra}.</translation>
    </message>
    <message>
        <source>Unlocked {email}.</source>
        <translation>Se desbloqueó {email}.</translation>
    </message>
    <message>
        <source>{email} was not locked.</source>
        <translation>{email} no estaba bloqueado.</translation>
    </message>
    <message>
        <source>Nothing to change: give --name, --role or --active.</source>
        <translation>No hay nada que cambiar: indique --name, --role o --active.</translation>
    </message>
    <message>
        <source>Updated user {id}: {email} ({role}, active).</source>
        <translation>Usuario {id} actualizado: {email} ({role}, activo).</translation>
    </message>
    <message>
        <source>Updated user {id}: {email} ({role}, inactive).</source>
        <translation>Usuario {id} actualizado: {email} ({role}, inactivo).</translation>
    </message>
    <message>
        <source>the do-not-call list</source>
        <translation>la lista de no llamar</translation>
    </message>
    <message>
        <source>add a phone number (global, or one campaign&apos;s)</source>
        <translation>agregar un número de teléfono (global o de una campaña)</translation>
    </message>
    <message>
        <source>add every phone of a file</source>
        <translation>agregar todos los teléfonos de un archivo</translation>
    </message>
    <message>
        <source>Added {phone} to campaign {campaign}&apos;s do-not-call list.</source>
        <translation>Se agregó {phone} a la lista de no llamar de la campaña {campaign}.</translation>
    </message>
    <message>
        <source>Added {phone} to the global do-not-call list.</source>
        <translation>Se agregó {phone} a la lista general de no llamar.</translation>
    </message>
    <message>
        <source>{phone} is already on campaign {campaign}&apos;s do-not-call list.</source>
        <translation>{phone} ya está en la lista de no llamar de la campaña {campaign}.</translation>
    </message>
    <message>
        <source>{phone} is already on the global do-not-call list.</source>
        <translation>{phone} ya está en la lista general de no llamar.</translation>
    </message>
    <message>
        <source>row {row}: {reason}</source>
        <translation>fila {row}: {reason}</translation>
    </message>
    <message>
        <source>hand campaign records to agents</source>
        <translation>entregar los registros de la campaña a los agentes</translation>
    </message>
    <message>
        <source>hand unassigned records to the campaign&apos;s agents</source>
        <translation>entregar los registros sin asignar a los agentes de la campaña</translation>
    </message>
    <message>
        <source>balanced round-robin (default) or in proportion to each agent&apos;s share</source>
        <translation>turnos equilibrados (predeterminado) o según la proporción de cada agente</translation>
    </message>
    <message>
        <source>move one agent&apos;s open records to other agents</source>
        <translation>pasar los registros abiertos de un agente a otros agentes</translation>
    </message>
    <message>
        <source>receiving agent (repeat; default: the campaign&apos;s other agents)</source>
        <translation>agente que recibe (repítalo; predeterminado: los demás agentes de la campaña)</translation>
    </message>
    <message>
        <source>  agent {agent}: {n:,}</source>
        <translation>  agente {agent}: {n:,}</translation>
    </message>
    <message>
        <source>Distributed {n:,} records of campaign {campaign}.</source>
        <translation>Se repartieron {n:,} registros de la campaña {campaign}.</translation>
    </message>
    <message>
        <source>Moved {n:,} records of campaign {campaign}.</source>
        <translation>Se movieron {n:,} registros de la campaña {campaign}.</translation>
    </message>
    <message>
        <source>encrypted backups of the database and the upload files</source>
        <translation>copias de seguridad cifradas de la base de datos y de los archivos cargados</translation>
    </message>
    <message>
        <source>back up the database in use and the stored upload files (admin)</source>
        <translation>hacer una copia de seguridad de la base de datos en uso y de los archivos cargados guardados (administrador)</translation>
    </message>
    <message>
        <source>folder for the archive (default: the backup folder in Settings, else &lt;data folder&gt;/backups)</source>
        <translation>carpeta para el archivo de copia (predeterminada: la carpeta de copias de seguridad de la configuración o, si no hay, &lt;carpeta de datos&gt;/backups)</translation>
    </message>
    <message>
        <source>the backups in a folder, newest first</source>
        <translation>las copias de seguridad de una carpeta, de la más reciente a la más antigua</translation>
    </message>
    <message>
        <source>decrypt, check every checksum and read the whole dump</source>
        <translation>descifrar, comprobar cada suma de verificación y leer el volcado completo</translation>
    </message>
    <message>
        <source>verify, restore into a new database, then switch to it</source>
        <translation>verificar, restaurar en una base de datos nueva y luego pasar a usarla</translation>
    </message>
    <message>
        <source>do not ask for confirmation</source>
        <translation>no pedir confirmación</translation>
    </message>
    <message>
        <source>Backup passphrase: </source>
        <translation>Frase de contraseña de la copia de seguridad: </translation>
    </message>
    <message>
        <source>Passphrase again: </source>
        <translation>Repita la frase de contraseña: </translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was done.</source>
        <translation>Las dos frases de contraseña no coinciden; no se hizo nada.</translation>
    </message>
    <message>
        <source>Backup written and verified: {path} ({bytes:,} bytes, {rows:,} rows, {files} files, {seconds:.1f} s).</source>
        <translation>Copia de seguridad escrita y verificada: {path} ({bytes:,} bytes, {rows:,} filas, {files} archivos, {seconds:.1f} s).</translation>
    </message>
    <message>
        <source>Deleted {count} older backups that the retention does not keep.</source>
        <translation>Se eliminaron {count} copias de seguridad antiguas que la retención no conserva.</translation>
    </message>
    <message>
        <source>Copied to {uri}.</source>
        <translation>Copiada en {uri}.</translation>
    </message>
    <message>
        <source>warning: {count} original upload files are no longer in S3 and are not in this backup (the first: {first}).</source>
        <translation>advertencia: {count} archivos originales de cargas ya no están en S3 y no forman parte de esta copia de seguridad (el primero: {first}).</translation>
    </message>
    <message>
        <source>No backups in {folder}.</source>
        <translation>No hay copias de seguridad en {folder}.</translation>
    </message>
    <message>
        <source>The backup {name} is complete and readable: {bytes:,} bytes, {rows:,} rows, {files} files.</source>
        <translation>La copia de seguridad {name} está completa y se puede leer: {bytes:,} bytes, {rows:,} filas, {files} archivos.</translation>
    </message>
    <message>
        <source>welcomedly: restoring replaces the database in use; pass --yes to confirm.</source>
        <translation>welcomedly: la restauración reemplaza la base de datos en uso; indique --yes para confirmar.</translation>
    </message>
    <message>
        <source>Replace the data of {db} with {name}? The current database is kept aside. [y/N] </source>
        <translation>¿Reemplazar los datos de {db} por {name}? La base de datos actual se conserva aparte. [s/N] </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>No se cambió nada.</translation>
    </message>
    <message>
        <source> The previous database is kept as {name}.</source>
        <translation> La base de datos anterior se conserva como {name}.</translation>
    </message>
    <message>
        <source>Restored {name}: {rows:,} rows, {files} files.{kept} Restart the desktop app to use the restored data.</source>
        <translation>Se restauró {name}: {rows:,} filas, {files} archivos.{kept} Reinicie la aplicación de escritorio para usar los datos restaurados.</translation>
    </message>
    <message>
        <source>app sessions on the shared database</source>
        <translation>sesiones de la aplicación en la base de datos compartida</translation>
    </message>
    <message>
        <source>open sessions: who, where, since when (admin)</source>
        <translation>sesiones abiertas: quién, dónde, desde cuándo (administrador)</translation>
    </message>
    <message>
        <source>end a session and close its connections (admin)</source>
        <translation>cerrar una sesión y sus conexiones (administrador)</translation>
    </message>
    <message>
        <source>Ended session {id}; {closed} connection(s) closed.</source>
        <translation>Se cerró la sesión {id}; conexiones cerradas: {closed}.</translation>
    </message>
    <message>
        <source>organization settings: country, time zone</source>
        <translation>configuración de la organización: país, zona horaria</translation>
    </message>
    <message>
        <source>print a setting (country, timezone)</source>
        <translation>mostrar un ajuste (country, timezone)</translation>
    </message>
    <message>
        <source>country or timezone</source>
        <translation>country o timezone</translation>
    </message>
    <message>
        <source>change a setting (admins)</source>
        <translation>cambiar un ajuste (administradores)</translation>
    </message>
    <message>
        <source>country (ISO 3166 alpha-2, e.g. CO) or timezone (e.g. America/Bogota)</source>
        <translation>country (ISO 3166 alfa-2, p. ej. CO) o timezone (p. ej. America/Bogota)</translation>
    </message>
    <message>
        <source>print every change made on any workstation as it happens (Ctrl+C stops)</source>
        <translation>mostrar cada cambio hecho en cualquier estación de trabajo en el momento en que ocurre (Ctrl+C para detener)</translation>
    </message>
    <message>
        <source>one JSON object per line</source>
        <translation>un objeto JSON por línea</translation>
    </message>
    <message>
        <source>the database server {server} is unreachable; retrying in {delay:g} s.</source>
        <translation>no se puede acceder al servidor de base de datos {server}; se reintentará en {delay:g} s.</translation>
    </message>
    <message>
        <source>watching changes on {server} (Ctrl+C stops).</source>
        <translation>observando los cambios en {server} (Ctrl+C para detener).</translation>
    </message>
    <message>
        <source>lost the connection to the database server {server}; reconnecting.</source>
        <translation>se perdió la conexión con el servidor de base de datos {server}; reconectando.</translation>
    </message>
    <message>
        <source>reconnected; changes made while disconnected are not shown.</source>
        <translation>reconectado; no se muestran los cambios hechos mientras no había conexión.</translation>
    </message>
</context>
<context>
    <name>entities</name>
    <message>
        <source>campaign</source>
        <translation>campaña</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <source>user</source>
        <translation>usuario</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>tipificación</translation>
    </message>
</context>
<context>
    <name>importing</name>
    <message>
        <source>{label} looks like a binary file, not CSV text.</source>
        <translation>{label} parece un archivo binario, no texto CSV.</translation>
    </message>
    <message>
        <source>The delimiter must be a comma, semicolon, tab or pipe.</source>
        <translation>El delimitador debe ser una coma, un punto y coma, un tabulador o una barra vertical.</translation>
    </message>
    <message>
        <source>{label} has {width} columns, more than the {max_columns} allowed.</source>
        <translation>{label} tiene {width} columnas, más de las {max_columns} permitidas.</translation>
    </message>
    <message>
        <source>{label} has a header row but no data rows.</source>
        <translation>{label} tiene fila de encabezado, pero ninguna fila de datos.</translation>
    </message>
    <message>
        <source>{label} has no rows.</source>
        <translation>{label} no tiene filas.</translation>
    </message>
    <message>
        <source>{label} has more than {limit:,} rows, the most one import may hold.</source>
        <translation>{label} tiene más de {limit:,} filas, el máximo que admite una carga.</translation>
    </message>
    <message>
        <source>{label} has a quote that is never closed (in row {row:,}).</source>
        <translation>{label} tiene unas comillas que nunca se cierran (en la fila {row:,}).</translation>
    </message>
    <message>
        <source>{label} has a cell longer than {value:,} characters near row {row:,}, probably a quote that is never closed.</source>
        <translation>{label} tiene una celda de más de {value:,} caracteres cerca de la fila {row:,}; probablemente unas comillas que nunca se cierran.</translation>
    </message>
    <message>
        <source>{label} has a badly quoted cell in row {row:,} (text right after a closing quote).</source>
        <translation>{label} tiene una celda mal entrecomillada en la fila {row:,} (texto justo después de unas comillas de cierre).</translation>
    </message>
    <message>
        <source>{label} contains NUL bytes: it looks like a binary file, not CSV text.</source>
        <translation>{label} contiene bytes NUL: parece un archivo binario, no texto CSV.</translation>
    </message>
    <message>
        <source>{label} cannot be read as CSV at row {row:,}: {message}.</source>
        <translation>{label} no se puede leer como CSV en la fila {row:,}: {message}.</translation>
    </message>
    <message>
        <source>{label} is not valid {name} text near row {value:,}; choose the right encoding and try again.</source>
        <translation>{label} no es texto {name} válido cerca de la fila {value:,}; elija la codificación correcta e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>phone {reason}</source>
        <extracomment>Phones per INSERT. Valid phones of the file (repeats included), added or already on the list.</extracomment>
        <translation>teléfono: {reason}</translation>
    </message>
    <message>
        <source>{file_name} contains NUL bytes: it looks like a binary file, not CSV text.</source>
        <translation>{file_name} contiene bytes NUL: parece un archivo binario, no texto CSV.</translation>
    </message>
    <message>
        <source>{file_name} is not in a text encoding that could be recognised; save it as UTF-8 CSV and try again.</source>
        <translation>{file_name} no está en una codificación de texto reconocible; guárdelo como CSV UTF-8 e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>{name!r} is not a known text encoding.</source>
        <translation>{name!r} no es una codificación de texto conocida.</translation>
    </message>
    <message>
        <source>{label} reads differently in two readers; please report this file.</source>
        <extracomment>Inflated bytes of the sheet&apos;s XML parsed at a time (~2,500 rows of a typical lead file; see BATCH_ROWS for why so small: under 1 MB, numpy&apos;s temporaries come from the heap). How long Arrow&apos;s freed memory is kept while a workbook is read (see XlsxSource._open). A row longer than this (inflated XML) is not for this reader. Rows in a batch: pieces are small (numpy&apos;s temporaries under the 1 MB above which glibc maps fresh pages, each a page fault), batches are not (the batch builder has a fixed cost a call). Batches parsed ahead of the one the import takes (~3 MB of Arrow columns each). Most cells (rows x columns) in one batch: a wide sheet&apos;s piece is split into several batches.</extracomment>
        <translation>{label} se lee de forma distinta con dos lectores; por favor, reporte este archivo.</translation>
    </message>
    <message>
        <source>{label} does not exist.</source>
        <extracomment>Zip bomb limits, applied to the sizes the zip directory declares. The symbolic link the user gave, when ``path`` is the real file it names (shown and audited).</extracomment>
        <translation>{label} no existe.</translation>
    </message>
    <message>
        <source>{label} cannot be opened.</source>
        <translation>{label} no se puede abrir.</translation>
    </message>
    <message>
        <source>{label} is not a regular file.</source>
        <translation>{label} no es un archivo normal.</translation>
    </message>
    <message>
        <source>{label} (a link to {path})</source>
        <translation>{label} (un enlace a {path})</translation>
    </message>
    <message>
        <source>{label} has an unsupported type; use CSV, TSV, TXT, XLSX, XLSM, XLS or ODS.</source>
        <translation>{label} es de un tipo no admitido; use CSV, TSV, TXT, XLSX, XLSM, XLS u ODS.</translation>
    </message>
    <message>
        <source>{label} is empty.</source>
        <translation>{label} está vacío.</translation>
    </message>
    <message>
        <source>{label} is {value:,.0f} MB, more than the {value2:,.0f} MB limit.</source>
        <translation>{label} pesa {value:,.0f} MB, más que el límite de {value2:,.0f} MB.</translation>
    </message>
    <message>
        <source>{label} cannot be read: {value}.</source>
        <translation>{label} no se puede leer: {value}.</translation>
    </message>
    <message>
        <source>{label} is password-protected; save it without a password and try again.</source>
        <translation>{label} está protegido con contraseña; guárdelo sin contraseña e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>{label} is an old-style Excel file named {ext}; save it as .xlsx or rename it to .xls.</source>
        <translation>{label} es un archivo de Excel antiguo con extensión {ext}; guárdelo como .xlsx o cámbiele la extensión a .xls.</translation>
    </message>
    <message>
        <source>{label} is not a real {ext} workbook (it is not a zip archive); it may be damaged or renamed.</source>
        <translation>{label} no es realmente un libro {ext} (no es un archivo zip); puede estar dañado o tener otro nombre.</translation>
    </message>
    <message>
        <source>{label} is a newer Excel workbook named .xls; rename it to .xlsx.</source>
        <translation>{label} es un libro de Excel moderno con extensión .xls; cámbiele la extensión a .xlsx.</translation>
    </message>
    <message>
        <source>{label} is not a real .xls workbook; it may be damaged or renamed.</source>
        <translation>{label} no es realmente un libro .xls; puede estar dañado o tener otro nombre.</translation>
    </message>
    <message>
        <source>{label} is a zip archive or an Excel workbook, not CSV text; give it an .xlsx extension if it is a workbook.</source>
        <translation>{label} es un archivo zip o un libro de Excel, no texto CSV; si es un libro, póngale la extensión .xlsx.</translation>
    </message>
    <message>
        <source>{label} is an Excel or Office binary file, not CSV text.</source>
        <translation>{label} es un archivo binario de Excel u Office, no texto CSV.</translation>
    </message>
    <message>
        <source>{label} is a PDF document, not CSV text.</source>
        <translation>{label} es un documento PDF, no texto CSV.</translation>
    </message>
    <message>
        <source>{label} mixes different line endings (Windows, Unix or old Mac); save it again from one program and retry.</source>
        <translation>{label} mezcla distintos finales de línea (Windows, Unix o Mac antiguo); guárdelo de nuevo desde un solo programa e inténtelo otra vez.</translation>
    </message>
    <message>
        <source>{label} is damaged: its zip structure cannot be read.</source>
        <translation>{label} está dañado: no se puede leer su estructura zip.</translation>
    </message>
    <message>
        <source>{label} is refused: a part of it expands {value:,} times (a zip bomb), which no real spreadsheet does.</source>
        <translation>{label} se rechaza: una de sus partes se expande {value:,} veces (una bomba zip), algo que ninguna hoja de cálculo real hace.</translation>
    </message>
    <message>
        <source>{label} is refused: it would expand to {value:,.1f} GB, more than the {value2:,.0f} GB a workbook may hold.</source>
        <translation>{label} se rechaza: se expandiría a {value:,.1f} GB, más de los {value2:,.0f} GB que puede ocupar un libro.</translation>
    </message>
    <message>
        <source>duplicate of an earlier row of this file</source>
        <extracomment>Rows between two looks at the cancel token / progress callback while reading. Rows per pipelined chunk: the bigger a chunk (its records are sorted by phone), the less the server pays to fill the phone index, but the chunks alive at once (being read, queued, being copied) cost memory and the last one is not overlapped with reading (bench/README.md). Rows of the last chunks, once less than a chunk and a half is left to read: the last chunk&apos;s COPY is the one not overlapped with reading, so a small one ends the import sooner. Reason of a repeat inside the file whose first row was not imported (the staged path also writes it for every repeat until, at the end, it names the row repeated where there is one).</extracomment>
        <translation>duplicado de una fila anterior de este archivo</translation>
    </message>
    <message>
        <source>The import was cancelled; no records were added.</source>
        <extracomment>Records whose line type is &quot;unknown&quot; (the upload&apos;s warnings), when the loader counted them as it wrote them (the direct path); None: the caller counts them in the database.
----------
The change feed&apos;s channel and its records triggers&apos; functions (migration 0006). Up to this many ids a records notification lists them, as the change feed&apos;s trigger does (0006).
----------
Advisory lock namespace; (namespace, campaign_id) serialises imports into one campaign and (namespace, 0) orders campaign-scoped imports against global-scoped ones.</extracomment>
        <translation>Se canceló la carga; no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>phone is on the do-not-call list</source>
        <extracomment>Rows per chunk when the rows come in batches: bigger chunks were no faster and peaked higher. Rows a chunk needs before it is handed over early, when no chunk waits for the server (read_batches). Reasons written for dropped rows (see also REPEAT_REASON).</extracomment>
        <translation>el teléfono está en la lista de no llamar</translation>
    </message>
    <message>
        <source>duplicate: the phone is already in this campaign</source>
        <translation>duplicado: el teléfono ya está en esta campaña</translation>
    </message>
    <message>
        <source>duplicate of row {row} of this file</source>
        <extracomment>The fields of a fast-path line, in order; where ``extra`` sits in it and in a general row.</extracomment>
        <translation>duplicado de la fila {row} de este archivo</translation>
    </message>
    <message>
        <source>duplicate: the phone is already in a campaign</source>
        <translation>duplicado: el teléfono ya está en una campaña</translation>
    </message>
    <message>
        <source>The campaign was deleted during the import; no records were added.</source>
        <translation>La campaña se eliminó durante la carga; no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>{field!r} is not a field; use one of: {value}.</source>
        <translation>{field!r} no es un campo; use uno de: {value}.</translation>
    </message>
    <message>
        <source>The file has no column named {column!r}; its columns are: {value}.</source>
        <translation>El archivo no tiene ninguna columna llamada {column!r}; sus columnas son: {value}.</translation>
    </message>
    <message>
        <source>No column of the file was recognised as the phone number; choose it in the mapping (CLI: --map phone=COLUMN).</source>
        <translation>Ninguna columna del archivo se reconoció como número de teléfono; elíjala en la asignación de columnas (CLI: --map phone=COLUMNA).</translation>
    </message>
    <message>
        <source>is empty</source>
        <extracomment>An e-mail address (the batch builder uses the same pattern in Arrow&apos;s RE2).</extracomment>
        <translation>está vacío</translation>
    </message>
    <message>
        <source>{text!r} has no country code after the international prefix (none starts with 0)</source>
        <translation>{text!r} no tiene código de país después del prefijo internacional (ninguno empieza por 0)</translation>
    </message>
    <message>
        <source>{text!r} is in scientific notation, so digits are lost; format the column as text</source>
        <translation>{text!r} está en notación científica, así que se pierden dígitos; dé formato de texto a la columna</translation>
    </message>
    <message>
        <source>{text!r} contains letters</source>
        <translation>{text!r} contiene letras</translation>
    </message>
    <message>
        <source>{text!r} is not a phone number</source>
        <translation>{text!r} no es un número de teléfono</translation>
    </message>
    <message>
        <source>{text!r} has no digits</source>
        <translation>{text!r} no tiene dígitos</translation>
    </message>
    <message>
        <source>{text!r} is not a valid e-mail address</source>
        <translation>{text!r} no es un correo electrónico válido</translation>
    </message>
    <message>
        <source>the row has {n} cells but the file has {width} columns</source>
        <extracomment>One staging row: source_row, phone, name, alt_phone, email, external_id, extra (json text), bad columns, bad reasons, raw row (json text, only for rejected rows), drop kind (set later), the phone&apos;s line type (phones.MOBILE ... phones.UNKNOWN). Its fields, in order (the staging table&apos;s column names).</extracomment>
        <translation>la fila tiene {n} celdas, pero el archivo tiene {width} columnas</translation>
    </message>
    <message>
        <source>alternate phone {reason}</source>
        <translation>teléfono alternativo: {reason}</translation>
    </message>
    <message>
        <source>e-mail {reason}</source>
        <translation>correo electrónico: {reason}</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>English labels, marked for the catalogue; shown through ``translate(&quot;importing&quot;, label)``.</extracomment>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Alternate phone</source>
        <translation>Teléfono alternativo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>ID externo</translation>
    </message>
    <message>
        <source>Duplicate check must be one of: {value}.</source>
        <translation>La verificación de duplicados debe ser una de: {value}.</translation>
    </message>
    <message>
        <source>{label} is damaged or not a spreadsheet this program can read.</source>
        <translation>{label} está dañado o no es una hoja de cálculo que este programa pueda leer.</translation>
    </message>
    <message>
        <source>The workbook has no sheet named {sheet!r}; its sheets are: {value}.</source>
        <translation>El libro no tiene ninguna hoja llamada {sheet!r}; sus hojas son: {value}.</translation>
    </message>
    <message>
        <source>{label} has {height:,} rows, more than the {max_rows:,} allowed.</source>
        <translation>{label} tiene {height:,} filas, más de las {max_rows:,} permitidas.</translation>
    </message>
    <message>
        <source>{label} has no rows in sheet {chosen!r}.</source>
        <translation>{label} no tiene filas en la hoja {chosen!r}.</translation>
    </message>
    <message>
        <source>The workbook has no sheets.</source>
        <translation>El libro no tiene hojas.</translation>
    </message>
    <message>
        <source>The original file could not be kept in {root}: {value}.</source>
        <translation>No se pudo conservar el archivo original en {root}: {value}.</translation>
    </message>
    <message>
        <source>The stored original {source} no longer exists.</source>
        <translation>El original guardado {source} ya no existe.</translation>
    </message>
    <message>
        <source>S3 storage is selected but no bucket is configured (setting storage.s3_bucket or WELCOMEDLY_S3_BUCKET).</source>
        <translation>Se eligió el almacenamiento S3, pero no hay ningún bucket configurado (ajuste storage.s3_bucket o WELCOMEDLY_S3_BUCKET).</translation>
    </message>
    <message>
        <source>The original file could not be stored in S3 bucket {bucket}: {value}.</source>
        <translation>No se pudo guardar el archivo original en el bucket S3 {bucket}: {value}.</translation>
    </message>
    <message>
        <source>The original file could not be stored in S3 bucket {bucket}: {exc}.</source>
        <translation>No se pudo guardar el archivo original en el bucket S3 {bucket}: {exc}.</translation>
    </message>
    <message>
        <source>The stored original {uri} could not be downloaded: {exc}.</source>
        <translation>No se pudo descargar el original guardado {uri}: {exc}.</translation>
    </message>
    <message>
        <source>The stored original {uri} could not be read from S3: {exc}.</source>
        <translation>No se pudo leer de S3 el original guardado {uri}: {exc}.</translation>
    </message>
    <message>
        <source>The original {uri} could not be put back in S3: {value}.</source>
        <translation>No se pudo devolver a S3 el original {uri}: {value}.</translation>
    </message>
    <message>
        <source>Unknown storage backend {backend!r}; use local or s3.</source>
        <translation>Almacenamiento desconocido {backend!r}; use local o s3.</translation>
    </message>
    <message>
        <source>The original file could not be kept ({name}).</source>
        <translation>No se pudo conservar el archivo original ({name}).</translation>
    </message>
    <message>
        <source>{label} has no row {header_row} to use as the header.</source>
        <extracomment>How many leading rows are looked at to find the header row. 1-based row number of the header row in the file, 0 when the file has none. The first data rows as the parser sees them (for the import dialog).</extracomment>
        <translation>{label} no tiene una fila {header_row} para usar como encabezado.</translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <extracomment>Line types kept per record; UNKNOWN marks a possible number the numbering plan does not know. The descriptions ``phonenumbers`` tries, in its order (``_number_type_helper``), before fixed/mobile. Every calling code, as text (the longest has 3 digits).</extracomment>
        <translation>no es un número de teléfono</translation>
    </message>
    <message>
        <source> after +{code}</source>
        <translation> después de +{code}</translation>
    </message>
    <message>
        <source>{most} or {last}</source>
        <translation>{most} o {last}</translation>
    </message>
    <message>
        <source>has {n} digits{after}; a phone number of +{code} has {lengths}</source>
        <translation>tiene {n} dígitos{after}; un número de teléfono de +{code} tiene {lengths}</translation>
    </message>
    <message>
        <source>has {n} digits{after}, not a possible phone number of +{code}</source>
        <translation>tiene {n} dígitos{after}; no puede ser un número de teléfono de +{code}</translation>
    </message>
</context>
<context>
    <name>lineType</name>
    <message>
        <source>Mobile</source>
        <translation>Móvil</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>Fijo</translation>
    </message>
    <message>
        <source>Landline or mobile</source>
        <translation>Fijo o móvil</translation>
    </message>
    <message>
        <source>Other (toll-free, VoIP…)</source>
        <translation>Otro (línea gratuita, VoIP…)</translation>
    </message>
    <message>
        <source>Unknown to the numbering plan</source>
        <translation>Desconocido para el plan de numeración</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Could not complete</source>
        <extracomment>Emitted after the callbacks ran (ok). Handy for tests: ``qtbot.waitSignal(op.done)``.</extracomment>
        <translation>No se pudo completar</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <source>create agents</source>
        <translation>crear agentes</translation>
    </message>
    <message>
        <source>edit agents</source>
        <translation>editar agentes</translation>
    </message>
    <message>
        <source>assign agents</source>
        <translation>asignar agentes</translation>
    </message>
    <message>
        <source>unassign agents</source>
        <translation>quitar agentes</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>leer el registro de auditoría</translation>
    </message>
    <message>
        <source>create campaigns</source>
        <translation>crear campañas</translation>
    </message>
    <message>
        <source>edit campaigns</source>
        <translation>editar campañas</translation>
    </message>
    <message>
        <source>delete campaigns</source>
        <translation>eliminar campañas</translation>
    </message>
    <message>
        <source>seed the demo data</source>
        <translation>cargar los datos de demostración</translation>
    </message>
    <message>
        <source>change the global disposition catalogue</source>
        <translation>cambiar el catálogo global de tipificaciones</translation>
    </message>
    <message>
        <source>change a campaign&apos;s dispositions</source>
        <translation>cambiar las tipificaciones de una campaña</translation>
    </message>
    <message>
        <source>distribute records</source>
        <translation>repartir registros</translation>
    </message>
    <message>
        <source>rebalance records</source>
        <translation>redistribuir registros</translation>
    </message>
    <message>
        <source>change the do-not-call list</source>
        <extracomment>The number as people write it (services/phone_display.py), for messages; ``phone`` keeps the E.164 digits, and the JSON of ``dnc add`` stays as it was.</extracomment>
        <translation>cambiar la lista de no llamar</translation>
    </message>
    <message>
        <source>view the do-not-call list</source>
        <extracomment>How many entries match in all; more than ``len(entries)`` when the limit cut the list.</extracomment>
        <translation>ver la lista de no llamar</translation>
    </message>
    <message>
        <source>import files</source>
        <translation>cargar archivos</translation>
    </message>
    <message>
        <source>view uploads</source>
        <translation>ver las cargas</translation>
    </message>
    <message>
        <source>administrators</source>
        <translation>los administradores</translation>
    </message>
    <message>
        <source>supervisors</source>
        <translation>los supervisores</translation>
    </message>
    <message>
        <source>agents</source>
        <translation>los agentes</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} y {second}</translation>
    </message>
    <message>
        <source>browse campaign records</source>
        <extracomment>The phones as people write them (services/phone_display.py); ``phone`` keeps the E.164 digits. mobile, fixed, fixed_or_mobile, other, unknown (the numbering plan does not know it) or None.</extracomment>
        <translation>consultar los registros de las campañas</translation>
    </message>
    <message>
        <source>see agent reports</source>
        <translation>ver los informes de agentes</translation>
    </message>
    <message>
        <source>see campaign reports</source>
        <translation>ver los informes de campañas</translation>
    </message>
    <message>
        <source>export campaign records</source>
        <translation>exportar los registros de las campañas</translation>
    </message>
    <message>
        <source>list users</source>
        <translation>ver la lista de usuarios</translation>
    </message>
    <message>
        <source>see other users&apos; profiles</source>
        <translation>ver los perfiles de otros usuarios</translation>
    </message>
    <message>
        <source>edit other users&apos; profiles</source>
        <translation>editar los perfiles de otros usuarios</translation>
    </message>
    <message>
        <source>change roles</source>
        <translation>cambiar roles</translation>
    </message>
    <message>
        <source>activate or deactivate users</source>
        <translation>activar o desactivar usuarios</translation>
    </message>
    <message>
        <source>unlock accounts</source>
        <translation>desbloquear cuentas</translation>
    </message>
    <message>
        <source>change users</source>
        <translation>modificar usuarios</translation>
    </message>
    <message>
        <source>see another agent&apos;s work queue</source>
        <translation>ver la cola de trabajo de otro agente</translation>
    </message>
    <message>
        <source>see records</source>
        <translation>ver registros</translation>
    </message>
    <message>
        <source>watch the live floor</source>
        <extracomment>Where &quot;logged in&quot; comes from: open server sessions, or today&apos;s logins and logouts in the audit log.</extracomment>
        <translation>ver la operación en vivo</translation>
    </message>
    <message>
        <source>change the organization&apos;s country</source>
        <translation>cambiar el país de la organización</translation>
    </message>
    <message>
        <source>change the organization&apos;s time zone</source>
        <translation>cambiar la zona horaria de la organización</translation>
    </message>
    <message>
        <source>change a campaign&apos;s country</source>
        <translation>cambiar el país de una campaña</translation>
    </message>
    <message>
        <source>list sessions</source>
        <translation>ver la lista de sesiones</translation>
    </message>
    <message>
        <source>end sessions</source>
        <translation>cerrar sesiones</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>No attempts in this period</source>
        <translation>No hay llamadas en este período</translation>
    </message>
    <message>
        <source>The printer or PDF file could not be opened for drawing.</source>
        <translation>No se pudo abrir la impresora o el archivo PDF para dibujar.</translation>
    </message>
    <message>
        <source>Page {number} of {total}</source>
        <translation>Página {number} de {total}</translation>
    </message>
</context>
<context>
    <name>recordStatus</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Dispositions</source>
        <translation>Tipificaciones</translation>
    </message>
    <message>
        <source>Daily trend</source>
        <translation>Tendencia diaria</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Successes</source>
        <translation>Éxitos</translation>
    </message>
    <message>
        <source>Hour of day ({timezone})</source>
        <translation>Hora del día ({timezone})</translation>
    </message>
    <message>
        <source>&apos;{tz}&apos; is not a known time zone (for example Europe/Madrid or UTC).</source>
        <extracomment>work_mem for the one statement that counts distinct records of a past period</extracomment>
        <translation>&apos;{tz}&apos; no es una zona horaria conocida (por ejemplo America/Bogota o UTC).</translation>
    </message>
    <message>
        <source>The start date must not be after the end date.</source>
        <translation>La fecha de inicio no puede ser posterior a la fecha de fin.</translation>
    </message>
    <message>
        <source>A report can cover at most ten years.</source>
        <translation>Un informe puede abarcar como máximo diez años.</translation>
    </message>
    <message>
        <source>Campaign {campaign_id} does not exist.</source>
        <extracomment>After the columns above (whose order scripts rely on): the phones as people write them and the line type the numbering plan gives (mobile, fixed, fixed_or_mobile, other, unknown).</extracomment>
        <translation>La campaña {campaign_id} no existe.</translation>
    </message>
    <message>
        <source>Agent {agent_id} does not exist.</source>
        <translation>El agente {agent_id} no existe.</translation>
    </message>
    <message>
        <source>&apos;{fmt}&apos; is not an export format here; use csv or xlsx.</source>
        <translation>&apos;{fmt}&apos; no es un formato de exportación válido aquí; use csv o xlsx.</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Se canceló la exportación; no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>{start} to {end} ({timezone})</source>
        <translation>{start} a {end} ({timezone})</translation>
    </message>
    <message>
        <source>Campaign: {name}</source>
        <extracomment>attempts with this disposition / all attempts agent report only: span of the agent&apos;s attempts that day, in hours open records whose callback falls before the end of today (overdue ones included) open records whose callback time has passed</extracomment>
        <translation>Campaña: {name}</translation>
    </message>
    <message>
        <source>Agent: {name}</source>
        <translation>Agente: {name}</translation>
    </message>
    <message>
        <source>Records</source>
        <extracomment>summary tables: the kind of each row&apos;s value (the value column mixes counts, ratios, times)</extracomment>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Worked (at least one attempt)</source>
        <translation>Trabajados (al menos un intento)</translation>
    </message>
    <message>
        <source>Penetration (worked / records)</source>
        <translation>Penetración (trabajados / registros)</translation>
    </message>
    <message>
        <source>Contact rate (contacts / worked)</source>
        <translation>Tasa de contacto (contactos / trabajados)</translation>
    </message>
    <message>
        <source>Conversion (successes / contacts)</source>
        <translation>Conversión (éxitos / contactos)</translation>
    </message>
    <message>
        <source>Attempts per worked record</source>
        <translation>Intentos por registro trabajado</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Tiempo de conversación</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Tiempo promedio de gestión</translation>
    </message>
    <message>
        <source>Callbacks due by end of today</source>
        <translation>Rellamadas pendientes para hoy</translation>
    </message>
    <message>
        <source>Callbacks overdue</source>
        <translation>Rellamadas vencidas</translation>
    </message>
    <message>
        <source>Hours worked</source>
        <translation>Horas trabajadas</translation>
    </message>
    <message>
        <source>Attempts per hour worked</source>
        <translation>Intentos por hora trabajada</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Éxito</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversión</translation>
    </message>
    <message>
        <source>Avg handle time</source>
        <translation>Tiempo prom. de gestión</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Campaign report</source>
        <translation>Informe de campaña</translation>
    </message>
    <message>
        <source>Agent report</source>
        <translation>Informe de agente</translation>
    </message>
    <message>
        <source>Period: {period}</source>
        <translation>Período: {period}</translation>
    </message>
    <message>
        <source>Generated {when} by {who}</source>
        <translation>Generado el {when} por {who}</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
</context>
<context>
    <name>services</name>
    <message>
        <source>Agent {agent_id} does not exist.</source>
        <translation>El agente {agent_id} no existe.</translation>
    </message>
    <message>
        <source>An agent with the e-mail {email} already exists.</source>
        <translation>Ya existe un agente con el correo electrónico {email}.</translation>
    </message>
    <message>
        <source>User {user_id} does not exist.</source>
        <translation>El usuario {user_id} no existe.</translation>
    </message>
    <message>
        <source>User {user_id} is already linked to another agent profile.</source>
        <translation>El usuario {user_id} ya está vinculado a otro perfil de agente.</translation>
    </message>
    <message>
        <source>Agents can only see their own profile.</source>
        <translation>Los agentes solo pueden ver su propio perfil.</translation>
    </message>
    <message>
        <source>Campaign {campaign_id} does not exist.</source>
        <extracomment>agent id -&gt; records handed to that agent by this operation
----------
Imported rows with a possible phone number unknown to the numbering plan (issue 18).</extracomment>
        <translation>La campaña {campaign_id} no existe.</translation>
    </message>
    <message>
        <source>Agent {value} does not exist.</source>
        <translation>El agente {value} no existe.</translation>
    </message>
    <message>
        <source>Choose at least one agent to assign.</source>
        <translation>Elija al menos un agente para asignar.</translation>
    </message>
    <message>
        <source>The e-mail or password is incorrect, or the account is locked. After 5 failed attempts an account is locked for 15 minutes.</source>
        <extracomment>The one message for every failed login: unknown user, wrong password, inactive or locked account.</extracomment>
        <translation>El correo electrónico o la contraseña no son correctos, o la cuenta está bloqueada. Después de 5 intentos fallidos, la cuenta se bloquea durante 15 minutos.</translation>
    </message>
    <message>
        <source>This account is locked after {failures} failed attempts until {until}. An administrator can unlock it sooner on the Users page, or with: welcomedly user unlock EMAIL --local.</source>
        <extracomment>A locked account is told so, with the local time the lock ends (the throttle is keyed by the typed e-mail, known or not, so this tells nothing about which accounts exist).</extracomment>
        <translation>Esta cuenta está bloqueada hasta las {until} después de {failures} intentos fallidos. Un administrador puede desbloquearla antes en la página Usuarios o con: welcomedly user unlock EMAIL --local.</translation>
    </message>
    <message>
        <source>Only administrators can create users.</source>
        <translation>Solo los administradores pueden crear usuarios.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>A user with the e-mail {email} already exists.</source>
        <translation>Ya existe un usuario con el correo electrónico {email}.</translation>
    </message>
    <message>
        <source>Only a logged-in user can change their password.</source>
        <translation>Solo un usuario con sesión iniciada puede cambiar su contraseña.</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>La contraseña actual no es correcta.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>La nueva contraseña debe ser distinta de la actual.</translation>
    </message>
    <message>
        <source>The end date must be on or after the start date.</source>
        <extracomment>ISO 3166 alpha-2 country of the campaign&apos;s phone numbers; None: the organization&apos;s.</extracomment>
        <translation>La fecha de fin debe ser igual o posterior a la fecha de inicio.</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>fecha de inicio</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>fecha de fin</translation>
    </message>
    <message>
        <source>The {label} must be a date like 2026-01-31.</source>
        <translation>La {label} debe ser una fecha como 2026-01-31.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>This {label} was changed by someone else since you opened it; reload it to see their changes.</source>
        <translation>Otra persona modificó este elemento ({label}) desde que usted lo abrió; vuelva a cargarlo para ver sus cambios.</translation>
    </message>
    <message>
        <source>The default disposition {missing!r} is missing; the demo needs the defaults.</source>
        <extracomment>The Spanish demo&apos;s 12 agents (and, from their names without accents, their e-mails).</extracomment>
        <translation>Falta la tipificación predeterminada {missing!r}; la demostración necesita las predeterminadas.</translation>
    </message>
    <message>
        <source>The campaign has no assigned agents to generate activity for.</source>
        <translation>La campaña no tiene agentes asignados para los cuales generar actividad.</translation>
    </message>
    <message>
        <source>The number of demo records must be between 3 and {max_records:,}.</source>
        <translation>La cantidad de registros de demostración debe estar entre 3 y {max_records:,}.</translation>
    </message>
    <message>
        <source>The database already has {existing} campaign(s); the demo only fills an empty database.</source>
        <translation>La base de datos ya tiene {existing} campaña(s); la demostración solo llena una base de datos vacía.</translation>
    </message>
    <message>
        <source>The disposition needs a name.</source>
        <translation>La tipificación necesita un nombre.</translation>
    </message>
    <message>
        <source>A disposition name is at most 100 characters.</source>
        <translation>El nombre de una tipificación puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>A disposition called &apos;{name}&apos; already exists.</source>
        <translation>Ya existe una tipificación llamada &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>Unknown disposition flag: {value}.</source>
        <translation>Marca de tipificación desconocida: {value}.</translation>
    </message>
    <message>
        <source>The colour must look like #1a2b3c.</source>
        <translation>El color debe tener la forma #1a2b3c.</translation>
    </message>
    <message>
        <source>Disposition {disposition_id} does not exist.</source>
        <translation>La tipificación {disposition_id} no existe.</translation>
    </message>
    <message>
        <source>Unknown disposition field: {value}.</source>
        <translation>Campo de tipificación desconocido: {value}.</translation>
    </message>
    <message>
        <source>The campaign has no active agents assigned; assign agents before distributing records.</source>
        <translation>La campaña no tiene agentes activos asignados; asigne agentes antes de repartir los registros.</translation>
    </message>
    <message>
        <source>Every assigned agent has a share of 0; give at least one agent a positive share.</source>
        <translation>Todos los agentes asignados tienen una proporción de 0; asigne una proporción positiva al menos a un agente.</translation>
    </message>
    <message>
        <source>Agent {not_in_team} is not an active agent of this campaign.</source>
        <translation>El agente {not_in_team} no es un agente activo de esta campaña.</translation>
    </message>
    <message>
        <source>There is no other active agent on this campaign to move the records to.</source>
        <translation>No hay otro agente activo en esta campaña al que pasar los registros.</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>El motivo</translation>
    </message>
    <message>
        <source>The phone</source>
        <translation>El teléfono</translation>
    </message>
    <message>
        <source>The phone {problem}.</source>
        <translation>El teléfono {problem}.</translation>
    </message>
    <message>
        <source>That number is no longer on the do-not-call list.</source>
        <translation>Ese número ya no está en la lista de no llamar.</translation>
    </message>
    <message>
        <source>Interrupted: the program that was importing this file ({worker}) stopped before it finished; no records were added.</source>
        <translation>Interrumpida: el programa que cargaba este archivo ({worker}) se detuvo antes de terminar; no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>an unknown user</source>
        <translation>un usuario desconocido</translation>
    </message>
    <message>
        <source>This file was already imported into this campaign on {when} by {who} (upload {upload_id}).</source>
        <translation>Este archivo ya se cargó en esta campaña el {when} por {who} (carga {upload_id}).</translation>
    </message>
    <message>
        <source>The connection to the database was lost during the import; no records were added.</source>
        <translation>Se perdió la conexión con la base de datos durante la carga; no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>The import failed ({error}); no records were added.</source>
        <translation>La carga falló ({error}); no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>Interrupted before it finished; no records were added.</source>
        <translation>Se interrumpió antes de terminar; no se agregó ningún registro.</translation>
    </message>
    <message>
        <source>This file is already being imported into this campaign.</source>
        <translation>Este archivo ya se está cargando en esta campaña.</translation>
    </message>
    <message>
        <source>Upload {upload_id} does not exist.</source>
        <translation>La carga {upload_id} no existe.</translation>
    </message>
    <message>
        <source>row</source>
        <translation>fila</translation>
    </message>
    <message>
        <source>column</source>
        <translation>columna</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>The file {out} cannot be written: {value}.</source>
        <translation>No se puede escribir el archivo {out}: {value}.</translation>
    </message>
    <message>
        <source>Upload {upload_id} has no stored original file.</source>
        <translation>La carga {upload_id} no tiene un archivo original guardado.</translation>
    </message>
    <message>
        <source>The password must be at least {min_length} characters long.</source>
        <translation>La contraseña debe tener al menos {min_length} caracteres.</translation>
    </message>
    <message>
        <source>The password contains characters that are not valid text.</source>
        <translation>La contraseña contiene caracteres que no son texto válido.</translation>
    </message>
    <message>
        <source>The password is too long: at most {max_bytes} bytes (accented letters count as two or more).</source>
        <translation>La contraseña es demasiado larga: como máximo {max_bytes} bytes (las letras con tilde cuentan como dos o más).</translation>
    </message>
    <message>
        <source>Only {who} can {action}.</source>
        <translation>Solo {who} pueden {action}.</translation>
    </message>
    <message>
        <source>Agents can only see their own agent report.</source>
        <translation>Los agentes solo pueden ver su propio informe de agente.</translation>
    </message>
    <message>
        <source>A user with the e-mail {new_email} already exists.</source>
        <translation>Ya existe un usuario con el correo electrónico {new_email}.</translation>
    </message>
    <message>
        <source>At least one active administrator must remain.</source>
        <translation>Debe quedar al menos un administrador activo.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>No puede desactivar su propia cuenta.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Only the owner of the database can unlock an account without logging in: run the command as the computer account that owns the built-in database, or connect to the shared server with the database owner&apos;s credential.</source>
        <translation>Solo el propietario de la base de datos puede desbloquear una cuenta sin iniciar sesión: ejecute el comando con la cuenta del equipo a la que pertenece la base de datos integrada, o conéctese al servidor compartido con la credencial del propietario de la base de datos.</translation>
    </message>
    <message>
        <source>There is no user with the e-mail {email}.</source>
        <translation>No hay ningún usuario con el correo electrónico {email}.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label}: este dato es obligatorio.</translation>
    </message>
    <message>
        <source>a NUL character</source>
        <translation>un carácter NUL</translation>
    </message>
    <message>
        <source>an invalid character (not UTF-8)</source>
        <translation>un carácter no válido (no UTF-8)</translation>
    </message>
    <message>
        <source>a line break</source>
        <translation>un salto de línea</translation>
    </message>
    <message>
        <source>an invisible or control character (U+{code})</source>
        <translation>un carácter invisible o de control (U+{code})</translation>
    </message>
    <message>
        <source>{label} contains {bad}.</source>
        <translation>{label} contiene {bad}.</translation>
    </message>
    <message>
        <source>{label} contains {bad}; it must be a single line of printable text.</source>
        <translation>{label} contiene {bad}; debe ser una sola línea de texto imprimible.</translation>
    </message>
    <message>
        <source>{label} is not valid UTF-8 text.</source>
        <translation>{label} no es texto UTF-8 válido.</translation>
    </message>
    <message>
        <source>{label} must be text.</source>
        <translation>{label} debe ser texto.</translation>
    </message>
    <message>
        <source>{label} must be at most {max_length} characters.</source>
        <translation>{label}: como máximo {max_length} caracteres.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>E-mail is required.</source>
        <translation>El correo electrónico es obligatorio.</translation>
    </message>
    <message>
        <source>{text!r} is not a valid e-mail address.</source>
        <translation>{text!r} no es un correo electrónico válido.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>{label} may contain only digits, spaces and + - ( ) . /.</source>
        <translation>{label} solo puede contener dígitos, espacios y + - ( ) . /.</translation>
    </message>
    <message>
        <source>The search text</source>
        <translation>El texto de búsqueda</translation>
    </message>
    <message>
        <source>{label} must be one of: {value}.</source>
        <translation>{label} debe ser uno de: {value}.</translation>
    </message>
    <message>
        <source>Agent</source>
        <extracomment>The ``what`` that callers of :func:`existing_id` pass, marked for the catalogue.</extracomment>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <source>Do-not-call entry</source>
        <translation>Entrada de la lista de no llamar</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Carga</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>{what} {value} does not exist.</source>
        <translation>{what} {value}: no existe.</translation>
    </message>
    <message>
        <source>Your user account is not linked to an agent profile; ask a supervisor to link it.</source>
        <extracomment>Campaigns whose records are not handed out by the work queue.</extracomment>
        <translation>Su cuenta de usuario no está vinculada a un perfil de agente; pida a un supervisor que la vincule.</translation>
    </message>
    <message>
        <source>Agents can only see their own work queue.</source>
        <translation>Los agentes solo pueden ver su propia cola de trabajo.</translation>
    </message>
    <message>
        <source>Choose the agent whose work queue you want to see.</source>
        <translation>Elija el agente cuya cola de trabajo desea ver.</translation>
    </message>
    <message>
        <source>Record {record_id} does not exist.</source>
        <extracomment>&quot;callback&quot; (a callback is due), &quot;new&quot; (never tried) or &quot;retry&quot; The phones as people write them (services/phone_display.py); ``phone`` keeps the E.164 digits.</extracomment>
        <translation>El registro {record_id} no existe.</translation>
    </message>
    <message>
        <source>This record is not assigned to you.</source>
        <translation>Este registro no está asignado a usted.</translation>
    </message>
    <message>
        <source>Only agents can record call outcomes; supervisors see work queues read-only.</source>
        <translation>Solo los agentes pueden registrar el resultado de las llamadas; los supervisores ven las colas de trabajo en modo de solo lectura.</translation>
    </message>
    <message>
        <source>This record was updated by someone else while you worked on it; it has been reloaded.</source>
        <translation>Otra persona actualizó este registro mientras usted trabajaba en él; se volvió a cargar.</translation>
    </message>
    <message>
        <source>This record is already closed.</source>
        <translation>Este registro ya está cerrado.</translation>
    </message>
    <message>
        <source>Choose one of this campaign&apos;s active dispositions.</source>
        <translation>Elija una de las tipificaciones activas de esta campaña.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Talk time must be between 0 seconds and 24 hours.</source>
        <translation>El tiempo de conversación debe estar entre 0 segundos y 24 horas.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; needs a callback date and time.</source>
        <translation>&apos;{name}&apos; requiere una fecha y hora para volver a llamar.</translation>
    </message>
    <message>
        <source>The callback time must include a time zone.</source>
        <translation>La hora para volver a llamar debe incluir una zona horaria.</translation>
    </message>
    <message>
        <source>The callback date and time must be in the future.</source>
        <translation>La fecha y hora para volver a llamar deben ser futuras.</translation>
    </message>
    <message>
        <source>Could not connect to the database server {target}: {reason}.</source>
        <translation>No se pudo conectar con el servidor de base de datos {target}: {reason}.</translation>
    </message>
    <message>
        <source>Your session was ended (signed out elsewhere or by an administrator); please log in again.</source>
        <extracomment>How long a lost connection&apos;s follow-up (a read&apos;s one retry, a write&apos;s outcome check) waits for the server to come back: a restart takes a second or two. This process&apos;s mark on its changes (the change feed&apos;s &quot;origin&quot;, migration 0006): lets a workstation recognise its own notifications and not reload what it has just shown.</extracomment>
        <translation>Su sesión se cerró (desde otro lugar o por un administrador); vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>built-in database in {path}</source>
        <translation>base de datos integrada en {path}</translation>
    </message>
    <message>
        <source>The database refused this for your account ({reason}).</source>
        <translation>La base de datos no permite esto a su cuenta ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the database server {server} was lost; nothing was saved, please try again.</source>
        <translation>Se perdió la conexión con el servidor de base de datos {server}; no se guardó nada, inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The connection to the database server {server} was lost while saving; whether the change was saved is not known yet: check once the server is back.</source>
        <translation>Se perdió la conexión con el servidor de base de datos {server} mientras se guardaba; todavía no se sabe si el cambio se guardó: verifíquelo cuando el servidor vuelva a responder.</translation>
    </message>
    <message>
        <source>The change was not saved: the connection to the database server {server} was lost. Please try again.</source>
        <translation>El cambio no se guardó: se perdió la conexión con el servidor de base de datos {server}. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The database URL {url} is not valid.</source>
        <translation>La URL de la base de datos {url} no es válida.</translation>
    </message>
    <message>
        <source>The operation was cancelled; nothing was changed.</source>
        <extracomment>CLI exit code used when this error ends a command.</extracomment>
        <translation>Se canceló la operación; no se cambió nada.</translation>
    </message>
    <message>
        <source>The e-mail searched for</source>
        <translation>El correo electrónico buscado</translation>
    </message>
    <message>
        <source>There is no setting &apos;{key}&apos;; the settings are {keys}.</source>
        <translation>No existe el ajuste &apos;{key}&apos;; los ajustes son {keys}.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a country code; use the two letters of ISO 3166 (for example CO).</source>
        <translation>&apos;{code}&apos; no es un código de país; use las dos letras de ISO 3166 (por ejemplo, CO).</translation>
    </message>
    <message>
        <source>&apos;{zone}&apos; is not a time zone; use a name such as America/Bogota.</source>
        <translation>&apos;{zone}&apos; no es una zona horaria; use un nombre como America/Bogota.</translation>
    </message>
    <message>
        <source>There is no open session {session_id}.</source>
        <translation>No hay ninguna sesión abierta con el número {session_id}.</translation>
    </message>
    <message>
        <source>Only administrators can end other users&apos; sessions.</source>
        <translation>Solo los administradores pueden cerrar las sesiones de otros usuarios.</translation>
    </message>
    <message>
        <source>imported with a warning: the number {phone} has the right length but is unknown to the numbering plan</source>
        <translation>cargado con una advertencia: el número {phone} tiene la longitud correcta, pero no figura en el plan de numeración</translation>
    </message>
    <message>
        <source>The backup was cancelled; no archive was kept.</source>
        <translation>Se canceló la copia de seguridad; no se conservó ningún archivo de copia.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: it has content after its manifest.</source>
        <translation>La copia de seguridad {name} está dañada: tiene contenido después de su manifiesto.</translation>
    </message>
    <message>
        <source>The file {name} is not a Welcomedly backup: it does not start with {info}.</source>
        <translation>El archivo {name} no es una copia de seguridad de Welcomedly: no empieza con {info}.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: its database parts are out of order.</source>
        <translation>La copia de seguridad {name} está dañada: las partes de su base de datos están en desorden.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: its contents cannot be read ({reason}).</source>
        <translation>La copia de seguridad {name} está dañada: su contenido no se puede leer ({reason}).</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: its manifest is missing.</source>
        <translation>La copia de seguridad {name} está dañada: le falta su manifiesto.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: the database dump does not match its checksum.</source>
        <translation>La copia de seguridad {name} está dañada: el volcado de la base de datos no coincide con su suma de comprobación.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: the upload files do not match their checksums.</source>
        <translation>La copia de seguridad {name} está dañada: los archivos cargados no coinciden con sus sumas de comprobación.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: it holds an unexpected part {member}.</source>
        <translation>La copia de seguridad {name} está dañada: contiene una parte inesperada {member}.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged: its description cannot be read.</source>
        <translation>La copia de seguridad {name} está dañada: su descripción no se puede leer.</translation>
    </message>
    <message>
        <source>The backup passphrase is empty.</source>
        <translation>La frase de contraseña de la copia de seguridad está vacía.</translation>
    </message>
    <message>
        <source>The backup is too large for one archive (4 PiB).</source>
        <translation>La copia de seguridad es demasiado grande para un solo archivo (4 PiB).</translation>
    </message>
    <message>
        <source>The file {name} is not a Welcomedly backup.</source>
        <translation>El archivo {name} no es una copia de seguridad de Welcomedly.</translation>
    </message>
    <message>
        <source>The file {name} is not a Welcomedly backup (its header is damaged).</source>
        <translation>El archivo {name} no es una copia de seguridad de Welcomedly (su encabezado está dañado).</translation>
    </message>
    <message>
        <source>The file {name} is a backup in a format this program does not know, or its header is damaged.</source>
        <translation>El archivo {name} es una copia de seguridad en un formato que este programa no conoce, o su encabezado está dañado.</translation>
    </message>
    <message>
        <source>The backup {name} has a damaged header.</source>
        <translation>La copia de seguridad {name} tiene el encabezado dañado.</translation>
    </message>
    <message>
        <source>Wrong passphrase: the backup {name} cannot be decrypted with it (or its header was altered).</source>
        <translation>Frase de contraseña incorrecta: la copia de seguridad {name} no se puede descifrar con ella (o su encabezado fue alterado).</translation>
    </message>
    <message>
        <source>The backup {name} is damaged or was tampered with (part {part}).</source>
        <translation>La copia de seguridad {name} está dañada o fue manipulada (parte {part}).</translation>
    </message>
    <message>
        <source>The backup {name} has data after its end: it was tampered with.</source>
        <translation>La copia de seguridad {name} tiene datos después de su final: fue manipulada.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged or was tampered with (part {part} fails its check).</source>
        <translation>La copia de seguridad {name} está dañada o fue manipulada (la parte {part} no pasa su verificación).</translation>
    </message>
    <message>
        <source>The backup {name} is truncated: it ends before its last part.</source>
        <translation>La copia de seguridad {name} está truncada: termina antes de su última parte.</translation>
    </message>
    <message>
        <source>Only administrators can restore a backup over a database that holds data.</source>
        <translation>Solo los administradores pueden restaurar una copia de seguridad sobre una base de datos que contiene datos.</translation>
    </message>
    <message>
        <source>Restoring a shared database needs its owner&apos;s credential; {user} does not own {database}.</source>
        <translation>Restaurar una base de datos compartida requiere la credencial de su propietario; {user} no es propietario de {database}.</translation>
    </message>
    <message>
        <source>This backup has a newer database schema ({revision}) than this program knows (made by Welcomedly {version}), so nothing was changed; install that version or newer to restore it.</source>
        <translation>Esta copia de seguridad tiene un esquema de base de datos más nuevo ({revision}) que el que este programa conoce (hecha con Welcomedly {version}), así que no se cambió nada; instale esa versión o una más reciente para restaurarla.</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>El archivo {path} no existe.</translation>
    </message>
    <message>
        <source>The restored database does not match the backup&apos;s row counts ({tables}); the current data was left as it was.</source>
        <translation>La base de datos restaurada no coincide con los conteos de filas de la copia de seguridad ({tables}); los datos actuales se dejaron como estaban.</translation>
    </message>
    <message>
        <source>The database {name} stayed in use by other programs, so the current data was left as it was; close them and restore again.</source>
        <translation>La base de datos {name} siguió en uso por otros programas, así que los datos actuales se dejaron como estaban; ciérrelos y restaure de nuevo.</translation>
    </message>
    <message>
        <source>The S3 copy of backups is on but no bucket is configured (storage.s3_bucket).</source>
        <extracomment>Older than this, the status bar&apos;s backup age becomes a warning for admins.</extracomment>
        <translation>La copia de las copias de seguridad en S3 está activada, pero no hay ningún bucket configurado (storage.s3_bucket).</translation>
    </message>
    <message>
        <source>The backup {name} could not be copied to S3 bucket {bucket}: {reason}.</source>
        <translation>No se pudo copiar la copia de seguridad {name} al bucket S3 {bucket}: {reason}.</translation>
    </message>
    <message>
        <source>Automatic backups need a passphrase: set one in Settings → Backups.</source>
        <translation>Las copias de seguridad automáticas necesitan una frase de contraseña: defina una en Configuración → Copias de seguridad.</translation>
    </message>
    <message>
        <source>The backup passphrase must have at least 8 characters.</source>
        <translation>La frase de contraseña de la copia de seguridad debe tener al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep the backup passphrase, so automatic backups cannot run; set WELCOMEDLY_BACKUP_PASSPHRASE for the scheduled command instead.</source>
        <translation>Este equipo no tiene un llavero para guardar la frase de contraseña de las copias de seguridad, así que las copias automáticas no pueden ejecutarse; en su lugar, defina WELCOMEDLY_BACKUP_PASSPHRASE para el comando programado.</translation>
    </message>
    <message>
        <source>No backup passphrase: set ${env}, run the command in a terminal, or keep one in Settings → Backups.</source>
        <translation>No hay frase de contraseña para la copia de seguridad: defina ${env}, ejecute el comando en una terminal o guarde una en Configuración → Copias de seguridad.</translation>
    </message>
    <message>
        <source>The backup folder {folder} cannot be created: {reason}.</source>
        <extracomment>Originals the database refers to that S3 no longer had (not in the backup; in its manifest).</extracomment>
        <translation>No se puede crear la carpeta de copias de seguridad {folder}: {reason}.</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>{folder} no es una carpeta.</translation>
    </message>
    <message>
        <source>pg_dump failed: {reason}.</source>
        <translation>pg_dump falló: {reason}.</translation>
    </message>
    <message>
        <source>pg_restore could not restore the database dump of the backup {name} ({reason}).</source>
        <translation>pg_restore no pudo restaurar el volcado de la base de datos de la copia de seguridad {name} ({reason}).</translation>
    </message>
    <message>
        <source>pg_restore could not read the database dump of the backup {name} ({reason}).</source>
        <translation>pg_restore no pudo leer el volcado de la base de datos de la copia de seguridad {name} ({reason}).</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {reason}.</source>
        <translation>El archivo {path} no se puede leer: {reason}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>La carpeta {folder} no existe.</translation>
    </message>
    <message>
        <source>The stored original {uri} could not be read from S3: {exc}.</source>
        <translation>No se pudo leer de S3 el original guardado {uri}: {exc}.</translation>
    </message>
    <message>
        <source>{tool} was not found in {folder}; the installation is incomplete.</source>
        <translation>{tool} no se encontró en {folder}; la instalación está incompleta.</translation>
    </message>
    <message>
        <source>The version of {tool} could not be read ({output}).</source>
        <translation>No se pudo leer la versión de {tool} ({output}).</translation>
    </message>
    <message>
        <source>The bundled pg_dump (version {mine}) is older than the database server (PostgreSQL {major}) and cannot back it up; use a Welcomedly release that ships pg_dump {major} or newer.</source>
        <translation>El pg_dump incluido (versión {mine}) es más antiguo que el servidor de base de datos (PostgreSQL {major}) y no puede respaldarlo; use una versión de Welcomedly que incluya pg_dump {major} o más reciente.</translation>
    </message>
</context>
<context>
    <name>table</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
</TS>
